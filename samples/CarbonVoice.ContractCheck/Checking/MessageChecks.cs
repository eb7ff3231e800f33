using System.Globalization;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Checking;

/// <summary>Every message read: the v6 feeds, the v3 lists, the reads by id, search.</summary>
internal static class MessageChecks
{
    private const string NoConversation = "no conversation was discovered";
    private const string NoMessage = "no message id was discovered in the chosen conversation";

    /// <summary>The rows the message index is asked for.</summary>
    private const int IndexLimit = 50;

    /// <summary>How many discovered ids the by-ids reads ask for.</summary>
    private const int ByIdsBatch = 3;

    public static async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        await ListAsync(context, cancellationToken);
        await ReadByIdAsync(context, cancellationToken);
        await SearchAsync(context, cancellationToken);
        await IndexAsync(context, cancellationToken);
    }

    private static async Task ListAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var messages = context.Client.Messages;
        var runner = context.Runner;
        var size = context.PageSize;
        var conversationId = context.ConversationId;
        var unscoped = conversationId is null ? "across every conversation (no conversation was discovered)" : null;

        var history = await runner.PagedAsync(
            RouteCatalog.History,
            () => messages.ListHistoryAsync(new MessageFeedOptions { ConversationId = conversationId, PageSize = size }),
            cancellationToken,
            unscoped);
        await runner.PagedAsync(
            RouteCatalog.Updates,
            () => messages.ListUpdatesAsync(new MessageFeedOptions { ConversationId = conversationId, PageSize = size }),
            cancellationToken,
            unscoped);

        if (conversationId is null)
        {
            runner.NotApplicable(RouteCatalog.MessageIds, NoConversation);
            runner.NotApplicable(RouteCatalog.MessagesByChannel, NoConversation);
            runner.NotApplicable(RouteCatalog.Sequential, NoConversation);
        }
        else
        {
            context.AddMessages(history?.Select(m => ((string?)m.Id, m.Transcript)) ?? []);
            context.AddSharing(history ?? []);
            var ids = await runner.PagedAsync(RouteCatalog.MessageIds, () => messages.ListIdsAsync(conversationId, size), cancellationToken);
            context.AddMessages(ids?.Select(id => ((string?)id, (string?)null)) ?? []);
            var byChannel = await runner.PagedAsync(
                RouteCatalog.MessagesByChannel,
                () => messages.ListByChannelAsync(conversationId, new DateCursorOptions { PageSize = size }),
                cancellationToken);
            context.AddMessages(byChannel?.Select(m => ((string?)m.Id, m.Transcript)) ?? []);
            var sequential = await runner.PagedAsync(
                RouteCatalog.Sequential,
                () => messages.ListSequentialAsync(conversationId, new SequentialListOptions { StartSequence = 1, PageSize = size }),
                cancellationToken,
                "windows of positions from 1");
            context.AddMessages(sequential?.Select(m => ((string?)m.Id, m.Transcript)) ?? []);
        }

        var recent = await runner.PagedAsync(
            RouteCatalog.Recent,
            () => messages.ListRecentAsync(new RecentMessagesOptions { Date = context.Now, Direction = MessageDirections.Older, PageSize = size, ChannelId = conversationId }),
            cancellationToken,
            conversationId is null ? "newest first, every channel" : "newest first, the chosen channel");
        if (conversationId is not null)
        {
            context.AddMessages(recent?.Select(m => ((string?)m.Id, m.Transcript)) ?? []);
        }

        var lookback = context.Options.NotifiedLookback;
        await runner.PagedAsync(
            RouteCatalog.Notified,
            () => messages.ListNotifiedAsync(context.Now - lookback, new NotifiedMessagesOptions { PageSize = size }),
            cancellationToken,
            string.Create(CultureInfo.InvariantCulture, $"the caller's unread messages of the last {lookback.TotalDays:0.#} days"));
    }

    private static async Task ReadByIdAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var runner = context.Runner;
        var messages = context.Client.Messages;
        var byIdRoutes = new[] { RouteCatalog.MessageV6, RouteCatalog.MessagesByIdsV6, RouteCatalog.Message, RouteCatalog.MessagesByIds, RouteCatalog.MessageV3 };
        if (context.ConversationId is not { } conversationId || context.MessageIds.Count == 0)
        {
            foreach (var route in byIdRoutes)
            {
                runner.NotApplicable(route, context.ConversationId is null ? NoConversation : NoMessage);
            }

            return;
        }

        var first = context.MessageIds[0];
        var batch = context.MessageIds.Take(ByIdsBatch).ToList();
        var batchNote = string.Create(CultureInfo.InvariantCulture, $"{batch.Count} ids of the chosen conversation");
        await runner.SingleAsync(RouteCatalog.MessageV6, ct => messages.GetV6Async(first, null, ct), cancellationToken);
        await runner.ListAsync(RouteCatalog.MessagesByIdsV6, ct => messages.GetByIdsV6Async(conversationId, batch, ct), cancellationToken, batchNote);
        await runner.SingleAsync(RouteCatalog.Message, ct => messages.GetAsync(first, null, ct), cancellationToken);
        await runner.ListAsync(RouteCatalog.MessagesByIds, ct => messages.GetByIdsAsync(conversationId, batch, ct), cancellationToken, batchNote);
        await runner.SingleAsync(RouteCatalog.MessageV3, ct => messages.GetV3Async(first, ct), cancellationToken);
    }

    /// <summary>The chosen conversation's message index (one request of at most <see cref="IndexLimit"/> rows, newest first).</summary>
    private static async Task IndexAsync(CheckContext context, CancellationToken cancellationToken)
    {
        if (context.ConversationId is not { } conversationId)
        {
            context.Runner.NotApplicable(RouteCatalog.MessageIndex, NoConversation);
            return;
        }

        await context.Runner.ListAsync(
            RouteCatalog.MessageIndex,
            ct => context.Client.Messages.ListIndexAsync(conversationId, new MessageIndexOptions { Limit = IndexLimit, Direction = MessageDirections.Older }, ct),
            cancellationToken,
            string.Create(CultureInfo.InvariantCulture, $"the chosen conversation's latest {IndexLimit} messages"));
    }

    private static async Task SearchAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var configured = context.Options.SearchQuery;
        var derived = configured is null ? WordOf(context.Transcripts) : null;
        var query = configured ?? derived ?? "the";
        var note = configured is not null ? "the configured query" : derived is not null ? "a word of a transcript read earlier" : "the query \"the\" (no transcript was read)";
        await context.Runner.PagedAsync(
            RouteCatalog.Search,
            () => context.Client.Messages.SearchAsync(new MessageSearchRequest { Query = query, WorkspaceId = context.WorkspaceId, PageSize = context.PageSize }),
            cancellationToken,
            note);
    }

    /// <summary>The first word of four letters or more in the transcripts, lower-cased.</summary>
    private static string? WordOf(IEnumerable<string> transcripts)
        => transcripts
            .SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('.', ',', '!', '?', ';', ':', '"', '\'', '(', ')'))
            .FirstOrDefault(w => w.Length >= 4 && w.All(char.IsLetter))
            ?.ToLowerInvariant();
}
