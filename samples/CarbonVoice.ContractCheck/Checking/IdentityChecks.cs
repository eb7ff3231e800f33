namespace CarbonVoice.ContractCheck.Checking;

/// <summary>OAuth metadata, userinfo, whoami, contacts and users.</summary>
internal static class IdentityChecks
{
    public static async Task RunAsync(CheckContext context, ContractCheckCredential credential, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var runner = context.Runner;
        await runner.SingleAsync(RouteCatalog.ServerMetadata, ct => client.OAuth.GetServerMetadataAsync(ct), cancellationToken);
        if (credential.IsBearer)
        {
            await runner.SingleAsync(RouteCatalog.UserInfo, ct => client.OAuth.GetUserInfoAsync(credential.Secret, ct), cancellationToken);
        }
        else
        {
            runner.NotApplicable(RouteCatalog.UserInfo, "the credential is an API key; /oauth/userinfo takes a bearer token");
        }

        context.Me = await runner.SingleAsync(RouteCatalog.WhoAmI, ct => client.Users.WhoAmIAsync(ct), cancellationToken);
        await runner.ListAsync(RouteCatalog.Contacts, ct => client.Users.ListContactsAsync(null, ct), cancellationToken, "all of the caller's contacts (no body)");
        await runner.ListAsync(RouteCatalog.Users, ct => client.Users.ListAsync(ct), cancellationToken);
        await runner.ListAsync(RouteCatalog.LastSeen, ct => client.Users.ListLastSeenAsync(ct), cancellationToken);
    }
}
