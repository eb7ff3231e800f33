using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.ContractCheck.Tests.Support;

/// <summary>An in-process emulator (seed 42, small data) and the checker pointed at it.</summary>
internal sealed class EmulatorRun : IAsyncDisposable
{
    private readonly List<HttpMessageHandler> _handlers = [];

    public EmulatorRun()
    {
        Emulator = new CarbonVoiceEmulator(new EmulatorOptions
        {
            Seed = 42,
            Users = 4,
            Workspaces = 3,
            ConversationsPerWorkspace = 3,
            MessagesPerConversation = 12,
        });
        User = Emulator.Data.Users[0];
        AccessToken = Emulator.IssueTokens(User.Id).AccessToken;
    }

    public CarbonVoiceEmulator Emulator { get; }

    public EmulatorUser User { get; }

    public string AccessToken { get; }

    /// <summary>A fresh in-process handler of the emulator (disposed with the run).</summary>
    public HttpMessageHandler Handler() => Track(Emulator.CreateHandler());

    /// <summary>A handler that alters the emulator's answers to one route.</summary>
    public AlteringHandler Altering(string method, string pathPattern, Func<int, byte[], (int Status, byte[] Body)> alter)
        => Track(new AlteringHandler(Emulator.CreateHandler(), method, pathPattern, alter));

    public ContractCheckOptions Options(ContractCheckCredential? credential = null, string? exportId = null) => new()
    {
        BaseAddress = Emulator.BaseAddress,
        Credential = credential ?? ContractCheckCredential.OAuthAccessToken(AccessToken),
        ExportId = exportId,
    };

    public Task<ContractReport> CheckAsync(HttpMessageHandler? handler = null, ContractCheckOptions? options = null)
        => new ContractChecker(options ?? Options(), handler ?? Handler()).RunAsync();

    /// <summary>Starts an export with the SDK (a write the checker itself never makes) and returns its id.</summary>
    public async Task<string> CreateExportAsync()
    {
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret" },
            new StaticAccessTokenProvider(AccessToken),
            Handler());
        var workspace = Emulator.Data.WorkspacesOf(User.Id)[0];
        var job = await client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = workspace.Id });
        return job.Id;
    }

    public Task<EmulatorGaps> ProbeGapsAsync() => EmulatorGaps.ProbeAsync(Handler(), Emulator.BaseAddress, AccessToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }

        await Emulator.DisposeAsync();
    }

    private T Track<T>(T handler)
        where T : HttpMessageHandler
    {
        _handlers.Add(handler);
        return handler;
    }
}
