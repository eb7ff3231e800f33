using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>Faults in the body itself: a reset mid-body, a slow drip and compressed answers, in-process and on Kestrel.</summary>
public sealed class BodyFaultTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task In_process_a_reset_mid_body_delivers_the_headers_and_half_the_body_then_an_io_error()
    {
        var (emulator, client, _) = Create();
        await using var _e = emulator;
        using var _c = client;
        var whole = await client.GetByteArrayAsync("/whoami");
        emulator.Faults.Enqueue(FaultKind.ResetMidBody);

        using var response = await client.GetAsync("/whoami", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(whole.Length, response.Content.Headers.ContentLength);
        var (received, error) = await ReadUntilFailureAsync(response);
        Assert.IsType<IOException>(error);
        Assert.Equal(whole.AsSpan(0, whole.Length / 2).ToArray(), received);
        Assert.Equal(FaultKind.ResetMidBody, emulator.Requests[^1].Fault);
        Assert.Equal(200, emulator.Requests[^1].Status);
    }

    [Fact]
    public async Task In_process_a_buffered_read_of_a_reset_body_fails_as_a_transport_error()
    {
        var (emulator, client, _) = Create();
        await using var _e = emulator;
        using var _c = client;
        emulator.Faults.Enqueue(FaultKind.ResetMidBody);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/whoami"));

        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(200, (await Emu.GetJson(client, "/whoami")).Status);
    }

    [Fact]
    public async Task In_process_a_slow_body_trickles_in_its_parts_on_the_emulator_clock()
    {
        var (emulator, client, clock) = Create();
        await using var _e = emulator;
        using var _c = client;
        var whole = await client.GetByteArrayAsync("/whoami");
        emulator.Faults.DripChunks = 4;
        emulator.Faults.DripInterval = TimeSpan.FromSeconds(2);
        emulator.Faults.Enqueue(FaultKind.SlowBody);

        using var response = await client.GetAsync("/whoami", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Guard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(whole.Length, response.Content.Headers.ContentLength);
        var read = response.Content.ReadAsByteArrayAsync();

        var parts = 0;
        while (await clock.WaitForTimerAsync(read))
        {
            Assert.False(read.IsCompleted);
            clock.AdvanceToNextTimer();
            parts++;
        }

        Assert.Equal(whole, await read.WaitAsync(Guard));
        Assert.Equal(4, parts);
        Assert.Equal(TimeSpan.FromSeconds(8), clock.GetUtcNow() - Emu.Start);
    }

    [Fact]
    public async Task On_kestrel_a_reset_mid_body_delivers_the_headers_then_the_body_breaks_off()
    {
        var (emulator, _, _) = Create();
        await using var _e = emulator;
        await using var server = await emulator.StartServerAsync();
        using var client = Loopback(emulator, server, new SocketsHttpHandler());
        var whole = await client.GetByteArrayAsync("/whoami");
        emulator.Faults.Enqueue(FaultKind.ResetMidBody);

        using var response = await client.GetAsync("/whoami", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Guard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(whole.Length, response.Content.Headers.ContentLength);
        var (received, error) = await ReadUntilFailureAsync(response);
        Assert.NotNull(error);
        Assert.True(error is IOException or HttpRequestException, error.GetType().FullName);
        Assert.Equal(whole.AsSpan(0, whole.Length / 2).ToArray(), received);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/whoami")).StatusCode);
    }

    [Fact]
    public async Task On_kestrel_a_slow_body_is_complete_only_once_the_emulator_clock_passed_every_part()
    {
        var (emulator, _, clock) = Create();
        await using var _e = emulator;
        await using var server = await emulator.StartServerAsync();
        using var client = Loopback(emulator, server, new SocketsHttpHandler());
        var whole = await client.GetByteArrayAsync("/whoami");
        emulator.Faults.DripChunks = 3;
        emulator.Faults.DripInterval = TimeSpan.FromSeconds(5);
        emulator.Faults.Enqueue(FaultKind.SlowBody);

        using var response = await client.GetAsync("/whoami", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Guard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = response.Content.ReadAsByteArrayAsync();

        for (var part = 0; part < 3; part++)
        {
            Assert.True(await clock.WaitForTimerAsync(read), $"part {part}: no drip timer");
            Assert.False(read.IsCompleted);
            clock.AdvanceToNextTimer();
        }

        Assert.Equal(whole, await read.WaitAsync(Guard));
        Assert.Equal(TimeSpan.FromSeconds(15), clock.GetUtcNow() - Emu.Start);
    }

    public static TheoryData<FaultKind, string> Encodings => new()
    {
        { FaultKind.GzipBody, "gzip" },
        { FaultKind.BrotliBody, "br" },
        { FaultKind.DeflateBody, "deflate" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task In_process_a_compressed_answer_carries_its_content_encoding_and_decodes_to_the_normal_body(FaultKind kind, string encoding)
    {
        var (emulator, client, _) = Create();
        await using var _e = emulator;
        using var _c = client;
        var whole = await client.GetByteArrayAsync("/whoami");
        emulator.Faults.Enqueue(kind);

        using var response = await client.GetAsync("/whoami");

        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(whole, compressed);
        Assert.Equal(whole, Decode(encoding, compressed));
        Assert.Equal(kind, emulator.Requests[^1].Fault);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task On_kestrel_a_compressed_answer_is_read_by_a_decompressing_client(FaultKind kind, string encoding)
    {
        var (emulator, _, _) = Create();
        await using var _e = emulator;
        await using var server = await emulator.StartServerAsync();
        using var plain = Loopback(emulator, server, new SocketsHttpHandler());
        using var decompressing = Loopback(emulator, server, new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        var whole = await plain.GetByteArrayAsync("/whoami");

        emulator.Faults.Enqueue(kind);
        using (var raw = await plain.GetAsync("/whoami"))
        {
            Assert.Equal([encoding], raw.Content.Headers.ContentEncoding);
            Assert.Equal(whole, Decode(encoding, await raw.Content.ReadAsByteArrayAsync()));
        }

        emulator.Faults.Enqueue(kind);
        Assert.Equal(whole, await decompressing.GetByteArrayAsync("/whoami"));
    }

    private static (CarbonVoiceEmulator Emulator, HttpClient Client, TrackedClock Clock) Create()
    {
        var clock = new TrackedClock(Emu.Start);
        var emulator = new CarbonVoiceEmulator(new EmulatorOptions { TimeProvider = clock });
        return (emulator, Emu.UserClient(emulator), clock);
    }

    private static HttpClient Loopback(CarbonVoiceEmulator emulator, EmulatorServer server, HttpMessageHandler handler)
    {
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = Guard };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.IssueTokens(emulator.Data.Users[0].Id).AccessToken);
        return client;
    }

    private static async Task<(byte[] Received, Exception? Error)> ReadUntilFailureAsync(HttpResponseMessage response)
    {
        using var received = new MemoryStream();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.CopyToAsync(received).WaitAsync(Guard);
            return (received.ToArray(), null);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            return (received.ToArray(), exception);
        }
    }

    private static byte[] Decode(string encoding, byte[] body)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding switch
        {
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            _ => new ZLibStream(input, CompressionMode.Decompress),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
