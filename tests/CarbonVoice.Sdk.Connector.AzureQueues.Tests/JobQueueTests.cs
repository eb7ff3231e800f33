using System.Text;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AzureQueues.Tests.Support;

namespace CarbonVoice.Sdk.Connector.AzureQueues.Tests;

/// <summary>The job queue and its worker pump on a real Azurite queue service.</summary>
public sealed class JobQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);

    [AzuriteFact]
    public async Task A_message_is_base64_json_carrying_ids_only()
    {
        await using var harness = new QueueHarness();
        await harness.Jobs.EnqueueAsync(ConnectorJob.Sync("tenant-a", "conn-1", SyncMode.Delta, Now, ["conv-1", "conv-2"]) with { CorrelationId = "webhook-7" });

        var wire = Assert.Single((await harness.Raw.PeekMessagesAsync(1)).Value).Body.ToString();
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(wire))).RootElement;
        Assert.Equal("sync", json.GetProperty("kind").GetString());
        Assert.Equal("tenant-a", json.GetProperty("tenant_id").GetString());
        Assert.Equal("conn-1", json.GetProperty("connector_id").GetString());
        Assert.Equal("delta", json.GetProperty("mode").GetString());
        Assert.Equal(["conv-1", "conv-2"], json.GetProperty("conversation_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            ["v", "job_id", "kind", "tenant_id", "connector_id", "mode", "conversation_ids", "enqueued_at", "correlation_id", "failed_attempts"],
            json.EnumerateObject().Select(p => p.Name));
    }

    [AzuriteFact]
    public async Task A_job_naming_too_many_conversations_for_one_message_syncs_them_all_instead()
    {
        await using var harness = new QueueHarness();
        var many = Enumerable.Range(0, 3000).Select(i => $"conversation-{i:D6}-{Guid.Empty}").ToList();
        await harness.Jobs.EnqueueAsync(ConnectorJob.Sync("t", "c", SyncMode.Delta, Now, many));
        await harness.RunUntilAsync(() => Task.FromResult(!harness.Sync.Calls.IsEmpty));
        Assert.Null(Assert.Single(harness.Sync.Calls).ConversationIds);
    }

    [AzuriteFact]
    public async Task A_job_is_deleted_only_after_its_run_is_recorded()
    {
        await using var harness = new QueueHarness();
        var started = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        harness.Sync.Scripts["c1"] = async (request, ct) =>
        {
            started.TrySetResult();
            await finish.Task.WaitAsync(ct);
            return ScriptedSyncService.Run(request, SyncRunStatus.Succeeded);
        };
        await harness.Jobs.EnqueueAsync(ConnectorJob.Sync("t", "c1", SyncMode.Auto, Now));
        var settled = new TaskCompletionSource<ConnectorJobOutcome>();
        var processor = harness.NewProcessor();
        processor.JobSettled += (_, outcome) => settled.TrySetResult(outcome);
        using var stop = new CancellationTokenSource();
        var running = processor.RunAsync(stop.Token);

        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await QueueHarness.CountAsync(harness.Raw));
        finish.SetResult();
        Assert.Equal(ConnectorJobStatus.Completed, (await settled.Task.WaitAsync(TimeSpan.FromSeconds(30))).Status);
        Assert.Equal(0, await QueueHarness.CountAsync(harness.Raw));
        await stop.CancelAsync();
        await running;
    }

    [AzuriteFact]
    public async Task A_job_running_past_its_visibility_timeout_is_renewed_and_never_handed_to_another_worker()
    {
        await using var harness = new QueueHarness();
        var started = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        harness.Sync.Scripts["slow"] = async (request, ct) =>
        {
            started.TrySetResult();
            await finish.Task.WaitAsync(ct);
            return ScriptedSyncService.Run(request, SyncRunStatus.Succeeded);
        };
        await harness.Jobs.EnqueueAsync(ConnectorJob.Sync("t", "slow", SyncMode.Auto, Now));
        using var stop = new CancellationTokenSource();
        var running = harness.NewProcessor().RunAsync(stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Three visibility timeouts (2 s each) pass while the job runs: another receiver never gets the message.
        var until = DateTimeOffset.UtcNow.AddSeconds(6);
        while (DateTimeOffset.UtcNow < until)
        {
            Assert.Empty((await harness.Raw.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value);
        }

        finish.SetResult();
        await QueueHarness.WaitUntilAsync(async () => await QueueHarness.CountAsync(harness.Raw) == 0);
        await stop.CancelAsync();
        await running;
        Assert.Single(harness.Sync.Calls);
    }

    [AzuriteFact]
    public async Task A_failing_job_is_retried_with_its_error_and_ends_in_the_poison_queue_with_it()
    {
        await using var harness = new QueueHarness();
        var attempt = 0;
        harness.Sync.Scripts["bad"] = (request, _) => Task.FromResult(ScriptedSyncService.Run(request, SyncRunStatus.Failed, $"listing failed (attempt {Interlocked.Increment(ref attempt)})"));
        await harness.Jobs.EnqueueAsync(ConnectorJob.Sync("t", "bad", SyncMode.Auto, Now));

        await harness.RunUntilAsync(async () => await QueueHarness.CountAsync(harness.RawPoison) == 1);

        var poisoned = Assert.Single(await harness.DrainPoisonAsync());
        Assert.Equal("bad", poisoned.GetProperty("connector_id").GetString());
        Assert.Contains("listing failed (attempt 3)", poisoned.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, poisoned.GetProperty("failed_attempts").GetInt32());
        Assert.Equal(3, poisoned.GetProperty("dequeue_count").GetInt64());
        Assert.Equal(3, harness.Sync.Calls.Count);
        Assert.Equal(0, await QueueHarness.CountAsync(harness.Raw));
    }

    [AzuriteFact]
    public async Task An_unreadable_message_goes_to_the_poison_queue_at_once_with_why()
    {
        await using var harness = new QueueHarness();
        await harness.Raw.CreateIfNotExistsAsync();
        await harness.Raw.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"v\":1,\"kind\":\"defrag\",\"tenant_id\":\"t\",\"connector_id\":\"c\"}")));
        await harness.Raw.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("not json at all")));

        await harness.RunUntilAsync(async () => await QueueHarness.CountAsync(harness.RawPoison) == 2);

        var errors = (await harness.DrainPoisonAsync()).Select(p => p.GetProperty("last_error").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("not a connector job", errors[0], StringComparison.Ordinal);
        Assert.Contains("Unknown job kind 'defrag'", errors[1], StringComparison.Ordinal);
        Assert.Empty(harness.Sync.Calls);
    }

    [AzuriteFact]
    public async Task A_job_refused_by_a_busy_connector_runs_when_the_lease_lapses_without_counting_as_a_failure()
    {
        await using var harness = new QueueHarness();
        var calls = 0;
        harness.Sync.Scripts["busy"] = (request, _) => Interlocked.Increment(ref calls) <= 4
            ? throw new ConnectorBusyException("busy", new SyncLease("t", "busy", "other", DateTimeOffset.UtcNow.AddMilliseconds(200)))
            : Task.FromResult(ScriptedSyncService.Run(request, SyncRunStatus.Succeeded));
        await harness.Jobs.EnqueueAsync(ConnectorJob.Sync("t", "busy", SyncMode.Auto, Now));

        await harness.RunUntilAsync(() => Task.FromResult(Volatile.Read(ref calls) == 5));
        await QueueHarness.WaitUntilAsync(async () => await QueueHarness.CountAsync(harness.Raw) == 0);
        Assert.Equal(0, await QueueHarness.CountAsync(harness.RawPoison));
    }

    [AzuriteFact]
    public async Task A_stopping_worker_hands_its_job_back_for_another_at_once()
    {
        await using var harness = new QueueHarness(o => o.VisibilityTimeout = TimeSpan.FromMinutes(5));
        var started = new TaskCompletionSource();
        var firstRun = true;
        harness.Sync.Scripts["c1"] = async (request, ct) =>
        {
            if (firstRun)
            {
                firstRun = false;
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return ScriptedSyncService.Run(request, SyncRunStatus.Cancelled);
            }

            return ScriptedSyncService.Run(request, SyncRunStatus.Succeeded);
        };
        await harness.Jobs.EnqueueAsync(ConnectorJob.Sync("t", "c1", SyncMode.Auto, Now));
        using (var stop = new CancellationTokenSource())
        {
            var first = harness.NewProcessor().RunAsync(stop.Token);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await first;
        }

        // Visible again at once (not after the five-minute visibility timeout): a second worker finishes it.
        await harness.RunUntilAsync(async () => harness.Sync.Calls.Count == 2 && await QueueHarness.CountAsync(harness.Raw) == 0, deadline: TimeSpan.FromSeconds(30));
    }

    [AzuriteFact]
    public async Task A_worker_runs_at_most_its_concurrency_at_once()
    {
        await using var harness = new QueueHarness(o => o.MaxConcurrency = 2);
        var current = 0;
        var peak = 0;
        var done = 0;
        for (var i = 0; i < 6; i++)
        {
            harness.Sync.Scripts["c" + i] = async (request, ct) =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref peak, now);
                await Task.Delay(150, ct);
                Interlocked.Decrement(ref current);
                Interlocked.Increment(ref done);
                return ScriptedSyncService.Run(request, SyncRunStatus.Succeeded);
            };
            await harness.Jobs.EnqueueAsync(ConnectorJob.Sync("t", "c" + i, SyncMode.Auto, Now));
        }

        await harness.RunUntilAsync(() => Task.FromResult(Volatile.Read(ref done) == 6));
        Assert.Equal(2, peak);
    }

    [AzuriteFact]
    public async Task The_functions_trigger_handler_retries_by_throwing_then_poisons_with_the_error_on_the_last_receive()
    {
        await using var harness = new QueueHarness();
        harness.Sync.Scripts["bad"] = (request, _) => Task.FromResult(ScriptedSyncService.Run(request, SyncRunStatus.Failed, "the listing failed"));
        harness.Sync.Scripts["busy"] = (_, _) => throw new ConnectorBusyException("busy", new SyncLease("t", "busy", "other", DateTimeOffset.UtcNow.AddSeconds(1)));
        var trigger = harness.Get<AzureQueueTriggerHandler>();
        var bad = Text(ConnectorJob.Sync("t", "bad", SyncMode.Auto, Now));

        var retry = await Assert.ThrowsAsync<ConnectorJobFailedException>(() => trigger.HandleAsync(bad, "m1", dequeueCount: 1));
        Assert.Contains("the listing failed", retry.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectorJobStatus.Failed, (await trigger.HandleAsync(bad, "m1", dequeueCount: 3)).Status);
        Assert.Contains("the listing failed", Assert.Single(await harness.DrainPoisonAsync()).GetProperty("last_error").GetString(), StringComparison.Ordinal);

        // Busy: a fresh copy for later, and the trigger returns (the host deletes the original).
        Assert.Equal(ConnectorJobStatus.RetryLater, (await trigger.HandleAsync(Text(ConnectorJob.Sync("t", "busy", SyncMode.Auto, Now)), "m2", 1)).Status);
        Assert.Equal(1, await QueueHarness.CountAsync(harness.Raw));

        Assert.Equal(ConnectorJobStatus.Rejected, (await trigger.HandleAsync("{]", "m3", 1)).Status);
        Assert.Contains("not a connector job", Assert.Single(await harness.DrainPoisonAsync()).GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(ConnectorJobStatus.Completed, (await trigger.HandleAsync(Text(ConnectorJob.Ingestion("t", "c9", Now)), "m4", 1)).Status);
        Assert.Equal(1, harness.Ingestion.Calls);
    }

    private static string Text(ConnectorJob job) => Internal.JobMessage.From(job).Serialize();

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
