using System.Diagnostics;
using System.Globalization;
using System.Net;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.Benchmarks;

/// <summary>
/// The rate-limited run: concurrent callers of one connection against the in-process emulator's token bucket
/// (<see cref="RateLimitOptions"/>: <c>Limit</c> requests refilled over <c>Window</c>, here 100 per second). Reports the
/// requests sent, the 429s (all of them, and those after the first rate-limit headers were seen) and elapsed ÷ ideal,
/// where ideal = (requests served − the bucket's initial <c>Limit</c>) ÷ the refill rate.
/// </summary>
internal static class RateLimitRun
{
    public static async Task<int> RunAsync(int calls, int concurrency, int limit)
    {
        var options = new EmulatorOptions { Seed = 12, Workspaces = 1, ConversationsPerWorkspace = 1, MessagesPerConversation = 5, Users = 2 };
        options.RateLimit.Limit = limit;
        options.RateLimit.Window = TimeSpan.FromSeconds(1);
        await using var emulator = new CarbonVoiceEmulator(options);
        var user = emulator.Data.Users[0];
        using var counter = new CountingHandler(emulator.CreateHandler());
        var clientOptions = new CarbonVoiceOptions
        {
            BaseAddress = emulator.BaseAddress,
            AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken,
            PersonalAccessToken = emulator.CreatePersonalAccessToken(user.Id),
        };
        using var client = new CarbonVoiceClient(clientOptions, primaryHandler: counter);

        var next = -1;
        var failed = 0;
        async Task CallerAsync()
        {
            while (Interlocked.Increment(ref next) < calls)
            {
                try
                {
                    await client.Users.WhoAmIAsync().ConfigureAwait(false);
                }
                catch (CarbonVoiceRateLimitException)
                {
                    // Still 429 after the retries allowed: counted, and the run goes on.
                    Interlocked.Increment(ref failed);
                }
            }
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(CallerAsync))).ConfigureAwait(false);
        watch.Stop();

        var ideal = TimeSpan.FromSeconds(Math.Max(0, calls - limit) / (double)limit);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rate-limited run: limit={limit}/s calls={calls} failed={failed} concurrency={concurrency} requests={counter.Requests} 429s={counter.TooMany} 429s-after-headers={counter.TooManyAfterHeaders} elapsed={watch.Elapsed.TotalSeconds:F2}s ideal={ideal.TotalSeconds:F2}s elapsed/ideal={watch.Elapsed / ideal:F3}"));
        return counter.TooManyAfterHeaders == 0 && failed == 0 ? 0 : 2;
    }

    /// <summary>Counts what reaches the transport: requests, 429s, and 429s after a response carried rate-limit headers.</summary>
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _requests;
        private int _tooMany;
        private int _tooManyAfterHeaders;
        private int _headersSeen;

        public int Requests => _requests;

        public int TooMany => _tooMany;

        public int TooManyAfterHeaders => _tooManyAfterHeaders;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            var seenBefore = Volatile.Read(ref _headersSeen) == 1;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _tooMany);
                if (seenBefore)
                {
                    Interlocked.Increment(ref _tooManyAfterHeaders);
                }
            }

            if (response.Headers.Contains("X-RateLimit-Remaining"))
            {
                Volatile.Write(ref _headersSeen, 1);
            }

            return response;
        }
    }
}
