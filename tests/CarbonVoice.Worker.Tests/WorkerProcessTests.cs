using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using CarbonVoice.Sdk.Testing;
using CarbonVoice.Worker.Measurement;

namespace CarbonVoice.Worker.Tests;

/// <summary>
/// Worker processes (<c>CarbonVoice.Worker</c>, started as separate processes) draining an Azurite queue into PostgreSQL, synced
/// from an emulator on a loopback port: every record and chunk stored exactly once and equal to a single-process run, a worker
/// killed with SIGKILL has its job finished by another, poison jobs keep their error, and two syncs of one connector never overlap.
/// </summary>
public sealed class WorkerProcessTests
{
    private const string Postgres = TestServers.PostgreSqlVariable;
    private const string Azurite = TestServers.AzuriteVariable;

    [ServersFact(Postgres, Azurite)]
    public async Task Three_worker_processes_drain_two_thousand_ingestion_and_fifty_sync_jobs_storing_everything_exactly_once()
    {
        var options = new EmulatorOptions { Seed = 11, Users = 51, Workspaces = 2, ConversationsPerWorkspace = 3, MessagesPerConversation = 8 };
        options.RateLimit.Enabled = false;
        await using var emulator = new CarbonVoiceEmulator(options);
        await using var server = await emulator.StartServerAsync();
        await using var environment = new ScaleEnvironment(TestServers.Require(Postgres), TestServers.Require(Azurite), server.BaseAddress);
        var connectors = (await EmulatorConnectors.CreateAsync(emulator, environment, 51)).ToList();

        // The 51st connector's stored token is unreadable (another key ring): each attempt of its sync fails, so it is poison.
        var broken = connectors[^1];
        connectors.RemoveAt(connectors.Count - 1);
        await environment.ScalarAsync($"UPDATE cv_tokens SET token = '\\x00deadbeef'::bytea WHERE connection_id = '{broken.ConnectorId}' RETURNING 1;");

        var now = DateTimeOffset.UtcNow;
        var jobs = new List<ConnectorJob>();
        jobs.AddRange(connectors.Select(c => ConnectorJob.Sync(EmulatorConnectors.TenantId, c.ConnectorId, SyncMode.Full, now)));
        jobs.AddRange(Enumerable.Range(0, 2000).Select(i => ConnectorJob.Ingestion(EmulatorConnectors.TenantId, connectors[i % connectors.Count].ConnectorId, now)));
        jobs.AddRange(connectors.Take(10).Select(c => ConnectorJob.Sync(EmulatorConnectors.TenantId, c.ConnectorId, SyncMode.Delta, now))); // duplicates: must never overlap
        jobs.Add(ConnectorJob.Sync(EmulatorConnectors.TenantId, broken.ConnectorId, SyncMode.Full, now));
        await environment.EnqueueAsync(jobs.OrderBy(j => j.JobId, StringComparer.Ordinal));
        await environment.Queue.SendMessageAsync(Convert.ToBase64String("{\"v\":1,\"kind\":\"sync\"}"u8.ToArray()));

        var overrides = new Dictionary<string, string>
        {
            // No worker dies here: a lease long enough that a loaded machine cannot make a renewal late (a lost lease fails
            // the run, and a third failure would poison a job the assertions below expect to have run).
            ["Worker__LeaseDuration"] = "00:00:20",
            ["Jobs__BusyRetryDelay"] = "00:00:01",
            ["Queue__MaxDequeueCount"] = "3",
            ["Queue__FailureRetryDelay"] = "00:00:00.200",
            ["Queue__MinPollInterval"] = "00:00:00.050",
            ["Queue__MaxPollInterval"] = "00:00:00.250",
        };
        var workers = Enumerable.Range(0, 3).Select(_ => WorkerProcess.Start(WorkerProcess.DllBesideThis(), environment.WorkerEnvironment(overrides))).ToList();
        string tails;
        try
        {
            await environment.WaitUntilDrainedAsync(TimeSpan.FromMinutes(4), workers);
        }
        finally
        {
            // Every request a finished sync could not queue (a lost ingestion), whenever it was logged, then each worker's last lines.
            var skipped = workers.SelectMany(w => w.Warnings.Where(line => line.Contains("could not be queued", StringComparison.Ordinal)).Select(line => $"worker {w.Id}: {line}")).ToList();
            tails = $"{skipped.Count} ingestion request(s) not queued [{string.Join("; ", skipped)}]\n" + string.Join("\n", workers.Select(w => $"worker {w.Id}:\n{w.Tail}"));
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
        }

        // Equal to one process doing the same work, connector by connector.
        var reference = await SingleProcessReference.RunAsync(emulator, server.BaseAddress, connectors);
        var diagnosis = await DiagnosisAsync(environment, connectors.Select(c => c.ConnectorId), tails);
        foreach (var connector in connectors)
        {
            var (raw, chunks) = reference[connector.ConnectorId];
            Assert.NotEmpty(raw);
            Assert.NotEmpty(chunks);
            var storedRaw = await StoreFingerprint.RawAsync(environment.Raw, EmulatorConnectors.TenantId, connector.ConnectorId);
            Assert.True(raw.SequenceEqual(storedRaw), $"{connector.ConnectorId}: {storedRaw.Count} records stored, {raw.Count} expected (or different). {diagnosis}");
            var storedChunks = await StoreFingerprint.ChunksAsync(environment.Chunks, EmulatorConnectors.TenantId, connector.ConnectorId);
            Assert.True(chunks.SequenceEqual(storedChunks), $"{connector.ConnectorId}: {storedChunks.Count} chunks stored, {chunks.Count} expected (or different). {diagnosis}");

            // Written exactly once: the runs' counts add up to one write per record and chunk, none rewritten.
            var runs = await environment.State.ListRunsAsync(EmulatorConnectors.TenantId, connector.ConnectorId, 200);
            Assert.False(runs.Any(r => r.Status != SyncRunStatus.Succeeded), $"{connector.ConnectorId} has runs that did not succeed. {diagnosis}");
            var syncs = runs.Where(r => r.Kind != SyncKind.Ingestion).ToList();
            Assert.Equal(raw.Count, syncs.SelectMany(r => r.Counts.Values).Sum(c => c.New));
            Assert.Equal(0, syncs.SelectMany(r => r.Counts.Values).Sum(c => c.Changed));
            var chunkCounts = runs.Where(r => r.Kind == SyncKind.Ingestion).Select(r => r.Counts.GetValueOrDefault("chunk")).OfType<EntitySyncCounts>().ToList();
            Assert.Equal(chunks.Count, chunkCounts.Sum(c => c.New));
            Assert.Equal(0, chunkCounts.Sum(c => c.Changed));

            // Two syncs of one connector never ran at once.
            var ordered = syncs.OrderBy(r => r.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].StartedAt >= ordered[i - 1].FinishedAt, $"Syncs {ordered[i - 1].Id} and {ordered[i].Id} of {connector.ConnectorId} overlapped.");
            }
        }

        // The 2,000 ingestion jobs were all settled (the queue is empty); the poison queue holds exactly the two bad jobs, with their errors.
        var poison = await environment.PeekPoisonAsync();
        Assert.Equal(2, poison.Count);
        var brokenJob = Assert.Single(poison, p => p.TryGetProperty("connector_id", out var id) && id.GetString() == broken.ConnectorId);
        Assert.Equal(3, brokenJob.GetProperty("failed_attempts").GetInt32());
        Assert.Contains("Failed", brokenJob.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Contains(poison, p => p.GetProperty("last_error").GetString()!.Contains("tenant_id or connector_id", StringComparison.Ordinal));
        Assert.Equal(0, await environment.ScalarAsync("SELECT COUNT(*) FROM cv_raw_records WHERE connector_id = '" + broken.ConnectorId + "';"));
    }

    /// <summary>
    /// What a failure message needs to say why, its first line a summary (the line CI prints): the runs that did not succeed
    /// and the poison jobs, each with its message; then the workers' last lines.
    /// </summary>
    private static async Task<string> DiagnosisAsync(ScaleEnvironment environment, IEnumerable<string> connectorIds, string tails)
    {
        var failed = new List<string>();
        foreach (var connectorId in connectorIds)
        {
            var runs = await environment.State.ListRunsAsync(EmulatorConnectors.TenantId, connectorId, 200);
            failed.AddRange(runs.Where(r => r.Status != SyncRunStatus.Succeeded).Select(r => $"{r.Kind} of {connectorId} {r.Status}: {r.StatusMessage}"));
        }

        var poison = (await environment.PeekPoisonAsync()).Select(p => p.TryGetProperty("last_error", out var error) ? error.ToString() : p.ToString()).ToList();
        return $"{failed.Count} run(s) not succeeded [{string.Join("; ", failed)}], {poison.Count} poison job(s) [{string.Join("; ", poison)}].\n{tails}";
    }

    [ServersFact(Postgres, Azurite)]
    public async Task A_worker_killed_mid_sync_has_its_job_finished_by_another_after_the_visibility_timeout()
    {
        var options = new EmulatorOptions { Seed = 5, Users = 2, Workspaces = 2, ConversationsPerWorkspace = 5, MessagesPerConversation = 120 };
        options.RateLimit.Enabled = false;
        await using var emulator = new CarbonVoiceEmulator(options);
        await using var server = await emulator.StartServerAsync();
        await using var environment = new ScaleEnvironment(TestServers.Require(Postgres), TestServers.Require(Azurite), server.BaseAddress);
        var connector = (await EmulatorConnectors.CreateAsync(emulator, environment, 1))[0];
        await environment.EnqueueAsync([ConnectorJob.Sync(EmulatorConnectors.TenantId, connector.ConnectorId, SyncMode.Full, DateTimeOffset.UtcNow)]);
        var overrides = new Dictionary<string, string>
        {
            // Short enough to wait out after the kill, long enough that a loaded machine does not make a renewal late (a
            // message whose visibility lapsed while its job ran is delivered again, and the job then runs twice).
            ["Worker__LeaseDuration"] = "00:00:08",
            ["Worker__SyncConcurrency"] = "1",
            ["Worker__MessagePageSize"] = "10",
            ["Queue__VisibilityTimeout"] = "00:00:08",
            ["Jobs__BusyRetryDelay"] = "00:00:01",
            ["Queue__MinPollInterval"] = "00:00:00.050",
            ["Queue__MaxPollInterval"] = "00:00:00.250",
        };

        await using (var first = WorkerProcess.Start(WorkerProcess.DllBesideThis(), environment.WorkerEnvironment(overrides)))
        {
            // Mid-job: its run is recorded and part of the history is stored, not all of it.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await environment.ScalarAsync("SELECT COUNT(*) FROM cv_raw_records WHERE entity_type = 'message';") < 100)
            {
                Assert.False(first.HasExited, first.Tail);
                await Task.Delay(20, deadline.Token);
            }

            await first.KillAsync();
        }

        var killed = Assert.Single(await environment.State.ListRunsAsync(EmulatorConnectors.TenantId, connector.ConnectorId));
        Assert.Equal(SyncRunStatus.Running, killed.Status);
        Assert.Equal(1, await environment.QueueLengthAsync());

        await using (var second = WorkerProcess.Start(WorkerProcess.DllBesideThis(), environment.WorkerEnvironment(overrides)))
        {
            await environment.WaitUntilDrainedAsync(TimeSpan.FromMinutes(3), [second]);
            var runs = await environment.State.ListRunsAsync(EmulatorConnectors.TenantId, connector.ConnectorId);
            Assert.Equal(SyncRunStatus.Interrupted, runs.Single(r => r.Id == killed.Id).Status);
            var resumed = Assert.Single(runs, r => r.Kind == SyncKind.Full && r.Status == SyncRunStatus.Succeeded);
            Assert.Contains($":{second.Id}:", resumed.LeaseHolder, StringComparison.Ordinal);
            Assert.Single(runs, r => r.Kind == SyncKind.Ingestion && r.Status == SyncRunStatus.Succeeded);
        }

        var reference = await SingleProcessReference.RunAsync(emulator, server.BaseAddress, [connector]);
        Assert.Equal(reference[connector.ConnectorId].Raw, await StoreFingerprint.RawAsync(environment.Raw, EmulatorConnectors.TenantId, connector.ConnectorId));
        Assert.Equal(reference[connector.ConnectorId].Chunks, await StoreFingerprint.ChunksAsync(environment.Chunks, EmulatorConnectors.TenantId, connector.ConnectorId));
        Assert.Empty(await environment.PeekPoisonAsync());
    }
}
