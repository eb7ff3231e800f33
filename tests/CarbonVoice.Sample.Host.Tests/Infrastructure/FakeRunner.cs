using System.Collections.Concurrent;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sdk.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>A runner that records its calls and can be held open (to test 409) or made to throw. It records runs like the connector package does.</summary>
internal sealed class FakeRunner(ISyncStateStore state) : IConnectorRunner
{
    /// <summary>A host whose syncs and ingestions go to a <see cref="FakeRunner"/> (resolve it from the host's services), with no ingestion after a sync.</summary>
    public static SampleHostFactory CreateHost()
    {
        var host = new SampleHostFactory
        {
            TestServices = services => services.AddSingleton<FakeRunner>().AddSingleton<IConnectorRunner>(sp => sp.GetRequiredService<FakeRunner>()),
        };
        host.Settings["Sample:IngestAfterSync"] = "false";
        return host;
    }

    private TaskCompletionSource _gate = Open();

    public ConcurrentQueue<(string ConnectorId, SyncKind Kind, IReadOnlyCollection<string>? Conversations)> Calls { get; } = new();

    public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Exception? Throw { get; set; }

    /// <summary>Waits at the gate before recording the run (a run whose id is not known for a while).</summary>
    public bool HoldBeforeRecording { get; set; }

    /// <summary>Keeps running when cancelled (until released), like a call already on the wire.</summary>
    public bool IgnoreCancellation { get; set; }

    public void Hold()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => _gate.TrySetResult();

    public async Task<SyncRun> RunAsync(ConnectorRecord connector, SyncKind kind, IReadOnlyCollection<string>? conversationIds, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        Calls.Enqueue((connector.Id, kind, conversationIds));
        if (HoldBeforeRecording)
        {
            Started.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }

        // Like the connector package: the run holds the connector's lease (one per kind), recorded as its holder.
        var key = SyncLease.KeyOf(connector.Id, kind);
        var lease = await state.TryAcquireLeaseAsync(connector.TenantId, key, $"fake-runner:{Guid.NewGuid():N}", LeaseDuration, cancellationToken)
            ?? throw new ConnectorBusyException("Another run holds the lease.", await state.GetLeaseAsync(connector.TenantId, key, cancellationToken));
        var released = false;
        try
        {
            // Like the connector package: a delta with nothing synced before runs full.
            var earlier = await state.ListRunsAsync(connector.TenantId, connector.Id, 20, cancellationToken);
            var recorded = kind == SyncKind.Delta && !earlier.Any(r => r.Kind != SyncKind.Ingestion && r.Status == SyncRunStatus.Succeeded) ? SyncKind.Full : kind;
            var run = await state.StartRunAsync(connector.TenantId, connector.Id, recorded, null, lease.Holder, cancellationToken);
            progress.Report(new RunProgress(run.Id, "messages", "message", 5, 10, null));
            Started.TrySetResult();
            await (IgnoreCancellation ? _gate.Task : _gate.Task.WaitAsync(cancellationToken));
            if (Throw is { } exception)
            {
                if (InterruptBeforeThrowing)
                {
                    // The lease goes first, and a reader marks the run interrupted before the coordinator hears of the end.
                    await state.ReleaseLeaseAsync(lease, CancellationToken.None);
                    released = true;
                    await state.TryInterruptRunAsync(run.Id, "Lease lapsed.", CancellationToken.None);
                }

                throw exception;
            }

            var final = run with
            {
                Status = SyncRunStatus.Succeeded,
                FinishedAt = DateTimeOffset.UtcNow,
                Counts = new Dictionary<string, EntitySyncCounts> { ["message"] = new() { Fetched = 10, New = 10 } },
            };
            await state.SaveRunAsync(final, cancellationToken);
            return final;
        }
        finally
        {
            if (!KeepLease && !released)
            {
                await state.ReleaseLeaseAsync(lease, CancellationToken.None);
            }
        }
    }

    /// <summary>How long the runner's leases last (the host tests never hold one nearly as long).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When throwing <see cref="Throw"/>: releases the lease first, then the run is marked interrupted (as a read of it would), then it throws.</summary>
    public bool InterruptBeforeThrowing { get; set; }

    /// <summary>Leaves the lease in place at the end, like a run whose release failed.</summary>
    public bool KeepLease { get; set; }

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
