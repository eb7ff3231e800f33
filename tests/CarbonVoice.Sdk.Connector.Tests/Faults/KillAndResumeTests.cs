using System.Diagnostics;
using System.Globalization;
using CarbonVoice.Sdk.Connector.Tests.Support;
using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static CarbonVoice.Sdk.Connector.Tests.Support.FaultHostProcess;

namespace CarbonVoice.Sdk.Connector.Tests.Faults;

/// <summary>
/// A separate process (the test-only FaultHost console) syncs and ingests from an emulator served by this test on a
/// loopback port into a SQLite file; it is killed with SIGKILL at distinct points of its sync and of its ingestion (it
/// holds at the point's line until killed) and started again. The restarted process must resume by itself, start its run
/// within the lease (plus process start-up), and leave raw and chunk stores identical to a clean run's.
/// </summary>
public sealed class KillAndResumeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan LockoutMargin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Killed_at_twelve_points_of_sync_and_ingestion_the_restarted_process_resumes_within_the_lease_and_the_stores_equal_a_clean_run()
    {
        var options = new EmulatorOptions
        {
            Seed = 11,
            Workspaces = 2,
            ConversationsPerWorkspace = 4,
            MessagesPerConversation = 40,
            Users = 3,
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.Zero)), // the same data for every process lifetime
        };
        options.RateLimit.Enabled = false;
        await using var emulator = new CarbonVoiceEmulator(options);
        await using var server = await emulator.StartServerAsync();
        var token = emulator.IssueTokens(emulator.Data.Users[0].Id).AccessToken;
        var directory = Directory.CreateTempSubdirectory("cv-kill-");
        try
        {
            // The reference: one clean run, never killed.
            var cleanDb = Path.Combine(directory.FullName, "clean.db");
            List<string> cleanLines;
            await using (var clean = Start(cleanDb, server.BaseAddress, token, Lease))
            {
                Assert.NotNull(await clean.ReadUntilAsync(l => Text(l) == "done", Deadline));
                Assert.Equal(0, await clean.WaitForExitAsync(Deadline));
                cleanLines = clean.Lines;
            }

            var reference = await StoreFingerprint.ReadAsync(cleanDb);
            Assert.True(reference.Raw.Count > 100 && reference.Chunks.Count > 20, $"{reference.Raw.Count} raw records, {reference.Chunks.Count} chunks");
            var ingestionStart = Number(cleanLines.First(l => Text(l).StartsWith("run-started ingestion", StringComparison.Ordinal)));
            var ingestionEnd = Number(cleanLines.First(l => Text(l).StartsWith("progress ingestion Completed", StringComparison.Ordinal)));

            // Twelve kill points: seven spread over the sync, five over the ingestion (line numbers of the clean run).
            var points = Spread(4, ingestionStart - 2, 7).Concat(Spread(ingestionStart + 1, ingestionEnd - 6, 5)).Distinct().ToList();
            Assert.True(points.Count >= 10, string.Join(", ", points));
            using var parallel = new SemaphoreSlim(3);
            var outcomes = await Task.WhenAll(points.Select(async point =>
            {
                await parallel.WaitAsync();
                try
                {
                    return await KillAndResumeAsync(Path.Combine(directory.FullName, $"kill-{point}.db"), point, server.BaseAddress, token);
                }
                finally
                {
                    parallel.Release();
                }
            }));

            output.WriteLine($"clean run: {cleanLines.Count} lines (ingestion from line {ingestionStart}), {reference.Raw.Count} raw records, {reference.Chunks.Count} chunks; lease {Lease.TotalSeconds} s");
            foreach (var o in outcomes)
            {
                output.WriteLine(o.ToString());
            }

            foreach (var o in outcomes)
            {
                Assert.True(o.ExitCode == 0, $"point {o.Point}: exit {o.ExitCode}");
                Assert.True(o.Raw.SequenceEqual(reference.Raw), $"point {o.Point}: raw store differs from the clean run's ({o.Raw.Count} vs {reference.Raw.Count} records)");
                Assert.True(o.Chunks.SequenceEqual(reference.Chunks), $"point {o.Point}: chunk store differs from the clean run's ({o.Chunks.Count} vs {reference.Chunks.Count} chunks)");
                Assert.True(o.Lockout <= Lease + LockoutMargin, $"point {o.Point}: the restarted process started its run {o.Lockout.TotalSeconds:F1} s after the kill");
                Assert.True(o.FirstRun is not null || o.RunningAtKill.Count == 0, $"point {o.Point}: a run was left running but the restarted process started none");
                Assert.DoesNotContain(o.RunsAfter, r => r.Status == SyncRunStatus.Running);
                foreach (var dead in o.RunningAtKill)
                {
                    // Every run the kill left running was found dead by the restarted process and resumed.
                    Assert.Contains(dead.Id, o.Plan, StringComparison.Ordinal);
                    Assert.Equal(SyncRunStatus.Interrupted, o.RunsAfter.Single(r => r.Id == dead.Id).Status);
                }
            }

            Assert.True(outcomes.Count(o => o.RunningAtKill.Any(r => r.Kind != SyncKind.Ingestion)) >= 4, "too few kills landed inside a sync");
            Assert.True(outcomes.Count(o => o.RunningAtKill.Any(r => r.Kind == SyncKind.Ingestion)) >= 3, "too few kills landed inside an ingestion");
            output.WriteLine($"kill points {outcomes.Length}, distinct states at kill {outcomes.Select(o => (o.RawAtKill, o.ChunksAtKill)).Distinct().Count()}, lockout max {outcomes.Max(o => o.Lockout).TotalSeconds:F2} s");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<Outcome> KillAndResumeAsync(string db, int point, Uri api, string token)
    {
        string killedAt;
        var clock = new Stopwatch();
        // The first process holds at its line `point` (no later line is printed, no thread goes past its next store write),
        // so the kill lands there however late this test reads the line on a loaded machine.
        await using (var first = Start(db, api, token, Lease, holdAtLine: point))
        {
            killedAt = await first.ReadUntilAsync(l => Number(l) == point, Deadline) ?? throw new InvalidOperationException($"point {point}: the process ended before its line {point}");
            await first.KillAsync();
            clock.Start();
        }

        var atKill = await StoreFingerprint.ReadAsync(db);
        await using var second = Start(db, api, token, Lease);
        // The first run the restarted process starts ends the lockout; a kill after the work was all done leaves none to start.
        var firstLine = await second.ReadUntilAsync(l => Text(l).StartsWith("run-started", StringComparison.Ordinal) || Text(l) == "done", Deadline);
        var lockout = clock.Elapsed;
        var started = firstLine is not null && Text(firstLine) != "done" ? firstLine : null;
        if (started is not null)
        {
            Assert.NotNull(await second.ReadUntilAsync(l => Text(l) == "done", Deadline));
        }

        var exit = await second.WaitForExitAsync(Deadline);
        var after = await StoreFingerprint.ReadAsync(db);
        return new Outcome(
            point,
            Text(killedAt),
            [.. atKill.Runs.Where(r => r.Status == SyncRunStatus.Running)],
            atKill.Raw.Count,
            atKill.Chunks.Count,
            Text(second.Lines.First(l => Text(l).StartsWith("plan", StringComparison.Ordinal))),
            started is null ? null : Text(started),
            started is null ? TimeSpan.Zero : lockout,
            exit,
            after.Raw,
            after.Chunks,
            after.Runs);
    }

    private static IEnumerable<int> Spread(int from, int to, int count)
        => Enumerable.Range(0, count).Select(i => from + (int)Math.Round((to - from) * (double)i / (count - 1)));

    private sealed record Outcome(
        int Point,
        string KilledAfter,
        IReadOnlyList<SyncRun> RunningAtKill,
        int RawAtKill,
        int ChunksAtKill,
        string Plan,
        string? FirstRun,
        TimeSpan Lockout,
        int ExitCode,
        List<string> Raw,
        List<string> Chunks,
        IReadOnlyList<SyncRun> RunsAfter)
    {
        public override string ToString()
            => string.Create(CultureInfo.InvariantCulture, $"point {Point,3}: killed after '{KilledAfter}' with {(RunningAtKill.Count == 0 ? "no run" : string.Join('+', RunningAtKill.Select(r => r.Kind)))} running, {RawAtKill} raw / {ChunksAtKill} chunks stored; restart '{Plan}', {(FirstRun is null ? "nothing left to run" : $"first run {Lockout.TotalSeconds:F2} s after the kill")}; after: {Raw.Count} raw / {Chunks.Count} chunks, {RunsAfter.Count} runs");
    }
}
