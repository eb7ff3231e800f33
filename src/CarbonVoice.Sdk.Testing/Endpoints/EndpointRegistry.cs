namespace CarbonVoice.Sdk.Testing;

/// <summary>Builds the route table of every endpoint.</summary>
internal static class EndpointRegistry
{
    public static Router Build()
    {
        var router = new Router();
        OAuthEndpoints.Register(router);
        UserEndpoints.Register(router);
        WorkspaceEndpoints.Register(router);
        ChannelEndpoints.Register(router);
        MessageEndpoints.Register(router);
        MessageV3Endpoints.Register(router);
        MessageV6Endpoints.Register(router);
        MessageIndexEndpoints.Register(router);
        ShareLinkEndpoints.Register(router);
        ReactionEndpoints.Register(router);
        AttachmentEndpoints.Register(router);
        ActionItemEndpoints.Register(router);
        CarbonLinkEndpoints.Register(router);
        ExportEndpoints.Register(router);
        WebhookEndpoints.Register(router);
        ControlEndpoints.Register(router);
        return router;
    }
}
