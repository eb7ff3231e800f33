using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>
/// Compressed answers over a real loopback socket (the emulator on Kestrel) with the SDK's own transport, through the
/// non-DI client and through dependency injection; and what a caller's own, non-decompressing handler gives.
/// </summary>
public sealed class CompressionTests
{
    public static TheoryData<FaultKind> Encodings => [FaultKind.GzipBody, FaultKind.BrotliBody, FaultKind.DeflateBody];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task The_non_di_client_reads_a_compressed_answer(FaultKind encoding)
    {
        await using var emulator = new CarbonVoiceEmulator(new EmulatorOptions { Seed = 7 });
        await using var server = await emulator.StartServerAsync();
        var user = emulator.Data.Users[0];
        using var client = new CarbonVoiceClient(Options(server, emulator.CreateApiKey(user.Id)));
        emulator.Faults.Enqueue(encoding, encoding);

        Assert.Equal(user.Id, (await client.Users.WhoAmIAsync()).Id);
        var workspaces = await client.Workspaces.ListAsync().ToListAsync();

        Assert.Equal(emulator.Data.WorkspacesOf(user.Id).Count, workspaces.Count);
        Assert.Equal([encoding, encoding], emulator.Requests.Select(r => r.Fault));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task The_dependency_injection_client_reads_a_compressed_answer(FaultKind encoding)
    {
        await using var emulator = new CarbonVoiceEmulator(new EmulatorOptions { Seed = 7 });
        await using var server = await emulator.StartServerAsync();
        var user = emulator.Data.Users[0];
        var apiKey = emulator.CreateApiKey(user.Id);
        var services = new ServiceCollection();
        services.AddCarbonVoice(o =>
        {
            o.BaseAddress = server.BaseAddress;
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = apiKey;
            o.RetryBaseDelay = TimeSpan.Zero;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ICarbonVoiceClient>();
        emulator.Faults.Enqueue(encoding);

        Assert.Equal(user.Id, (await client.Users.WhoAmIAsync()).Id);
        Assert.Equal(encoding, Assert.Single(emulator.Requests).Fault);
    }

    [Fact]
    public async Task A_caller_handler_that_does_not_decompress_gets_an_error_naming_the_encoding()
    {
        await using var h = new Harness();
        var client = h.ClientFor(); // the emulator's in-process handler, used as given: no decompression
        h.Emulator.Faults.Enqueue(FaultKind.GzipBody);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Users.WhoAmIAsync());

        Assert.Equal("Carbon Voice GET /whoami answered 200 with a gzip-encoded body that the HTTP handler did not decompress (enable AutomaticDecompression on the primary handler); the response could not be read.", error.Message);
        Assert.Single(h.Emulator.Requests);
    }

    private static CarbonVoiceOptions Options(EmulatorServer server, string apiKey) => new()
    {
        BaseAddress = server.BaseAddress,
        AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey,
        ApiKey = apiKey,
        RetryBaseDelay = TimeSpan.Zero,
    };
}
