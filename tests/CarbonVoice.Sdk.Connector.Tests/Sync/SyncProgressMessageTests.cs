using System.Globalization;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.Sync;

/// <summary>
/// What the progress events tell a caller watching a run: which kind of sync it is and since when, where the change feed
/// starts, a refused change cursor, and a conversation that is gone; and what a refused cursor does to the checkpoints.
/// </summary>
public sealed class SyncProgressMessageTests
{
    private static string Iso(DateTimeOffset? time) => time!.Value.ToString("O", CultureInfo.InvariantCulture);

    private static string? StartingMessage(RecordingProgress progress) => progress.Events.First(e => e.Phase == SyncPhase.Starting).Message;

    private static List<string?> ChangesMessages(RecordingProgress progress)
        => [.. progress.Events.Where(e => e.Phase == SyncPhase.Changes && e.Message is not null).Select(e => e.Message)];

    /// <summary>Moves the clock and edits a message, so the next delta reads a page of changes (and stores a cursor after it).</summary>
    private static void Edit(EmulatorHarness h)
    {
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var message = h.Emulator.Data.MessagesIn(h.SyncedConversations()[0].Id)[0];
        h.Emulator.Control.EditMessage(message.Id, "edited at " + h.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
    }

    private static Task<SyncRun> ScopedAsync(EmulatorHarness h, RecordingProgress progress, params string[] conversationIds)
        => h.Sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId) { ConversationIds = conversationIds }, progress);

    [Fact]
    public async Task A_first_sync_reports_a_full_sync()
    {
        await using var h = new EmulatorHarness();
        var progress = new RecordingProgress();

        await h.SyncAsync(progress: progress);

        Assert.Equal("Full sync", StartingMessage(progress));
        Assert.Empty(ChangesMessages(progress));
    }

    [Fact]
    public async Task A_delta_reports_its_start_then_the_feed_from_the_mark_then_from_the_stored_cursor()
    {
        await using var h = new EmulatorHarness();
        var full = await h.SyncAsync();
        Edit(h);
        var first = new RecordingProgress();

        var delta = await h.SyncAsync(progress: first);

        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.Equal($"Delta sync since {Iso(full.HighWaterMark)}", StartingMessage(first));
        Assert.Equal([$"Changes since {Iso(full.HighWaterMark)}"], ChangesMessages(first));
        Assert.NotNull(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor"));

        Edit(h);
        var second = new RecordingProgress();
        await h.SyncAsync(progress: second);

        Assert.Equal($"Delta sync since {Iso(delta.HighWaterMark)}", StartingMessage(second));
        Assert.Equal(["Changes since the last sync"], ChangesMessages(second));
    }

    [Fact]
    public async Task A_delta_of_one_conversation_reads_the_feed_from_the_mark_not_the_connectors_cursor()
    {
        await using var h = new EmulatorHarness();
        await h.SyncAsync();
        Edit(h);
        var delta = await h.SyncAsync();
        Assert.NotNull(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor"));
        Edit(h);
        var progress = new RecordingProgress();

        var scoped = await ScopedAsync(h, progress, h.SyncedConversations()[0].Id);

        Assert.Equal(SyncRunStatus.Succeeded, scoped.Status);
        Assert.Equal($"Delta sync since {Iso(delta.HighWaterMark)} of 1 conversation(s)", StartingMessage(progress));
        Assert.Equal([$"Changes since {Iso(delta.HighWaterMark)}"], ChangesMessages(progress));
    }

    [Fact]
    public async Task A_refused_cursor_is_reported_dropped_and_replaced_by_the_next_page_of_the_feed()
    {
        await using var h = new EmulatorHarness();
        await h.SyncAsync();
        Edit(h);
        var delta = await h.SyncAsync();
        var stale = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor");
        h.Emulator.Control.InvalidateCursors();
        Edit(h);
        var progress = new RecordingProgress();

        var run = await h.SyncAsync(progress: progress);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(["Changes since the last sync", $"The stored change cursor was refused; re-reading changes since {Iso(delta.HighWaterMark)}"], ChangesMessages(progress));
        var fresh = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor");
        Assert.NotNull(fresh);
        Assert.NotEqual(stale, fresh);
    }

    [Fact]
    public async Task A_conversation_scoped_run_whose_stored_cursor_is_refused_leaves_the_connectors_cursor_alone()
    {
        await using var h = new EmulatorHarness();
        var conversations = h.SyncedConversations();
        Assert.True(conversations.Count >= 2);
        await h.SyncAsync();
        Edit(h);
        await h.SyncAsync();
        var stale = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor");
        Assert.NotNull(stale);
        h.Emulator.Control.InvalidateCursors();
        Edit(h);
        var progress = new RecordingProgress();

        var run = await ScopedAsync(h, progress, conversations[0].Id, conversations[1].Id);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Contains(ChangesMessages(progress), m => m!.StartsWith("The stored change cursor was refused", StringComparison.Ordinal));
        Assert.Equal(stale, await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor"));
    }

    [Fact]
    public async Task A_resumed_full_sync_says_so_and_a_scoped_run_meanwhile_does_not()
    {
        await using var h = new EmulatorHarness();
        using var cts = new CancellationTokenSource();
        var cancelled = await new CarbonVoiceSyncService(new CancellingRawDataStore(h.Raw, 3, cts), h.State, Options.Create(h.SyncOptions), h.Time)
            .SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), cancellationToken: cts.Token);
        Assert.Equal(SyncRunStatus.Cancelled, cancelled.Status);

        var scopedProgress = new RecordingProgress();
        var scoped = await ScopedAsync(h, scopedProgress, h.SyncedConversations()[0].Id);
        var resumedProgress = new RecordingProgress();
        var resumed = await h.SyncAsync(progress: resumedProgress);

        Assert.Equal(SyncRunStatus.Succeeded, scoped.Status);
        Assert.Equal("Full sync of 1 conversation(s)", StartingMessage(scopedProgress));
        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal("Full sync (resuming)", StartingMessage(resumedProgress));
    }

    [Fact]
    public async Task A_run_scoped_to_an_unknown_conversation_reports_its_messages_complete_at_once()
    {
        await using var h = new EmulatorHarness();
        var progress = new RecordingProgress();

        var run = await ScopedAsync(h, progress, "no-such-conversation");

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        var messages = Assert.Single(progress.Events, e => e.Phase == SyncPhase.Messages);
        Assert.Equal(100, messages.Percent);
        Assert.Equal(0, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message));
    }

    [Fact]
    public async Task A_conversation_that_answers_403_is_reported_gone()
    {
        await using var h = new EmulatorHarness();
        var gone = h.SyncedConversations()[0];
        h.Emulator.Control.DeleteConversation(gone.Id, stillListed: true);
        var progress = new RecordingProgress();

        await h.SyncAsync(progress: progress);

        var report = Assert.Single(progress.Events, e => e.Message?.Contains(gone.Id, StringComparison.Ordinal) == true);
        Assert.Equal($"Conversation {gone.Id} is gone (deleted or no longer accessible); its data was removed.", report.Message);
        Assert.Equal(CarbonVoiceEntities.Channel, report.EntityType);
    }
}
