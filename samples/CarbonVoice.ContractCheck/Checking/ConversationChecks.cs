using System.Globalization;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Checking;

/// <summary>Conversation lists (choosing a workspace and a conversation with messages) and conversation reads.</summary>
internal static class ConversationChecks
{
    private const string NoWorkspace = "no workspace was discovered";
    private const string NoConversation = "no conversation was discovered";

    public static async Task ListAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var runner = context.Runner;
        if (context.WorkspaceIds.Count == 0)
        {
            runner.NotApplicable(RouteCatalog.Conversations, NoWorkspace);
            runner.NotApplicable(RouteCatalog.AvailableConversations, NoWorkspace);
            return;
        }

        var scanned = 0;
        var candidates = context.WorkspaceIds.Take(context.Options.MaxWorkspacesToScan).ToList();
        string? skipped = null;
        await runner.ListAsync<Conversation>(
            RouteCatalog.Conversations,
            async ct =>
            {
                var all = new List<Conversation>();
                Conversation? best = null;
                foreach (var workspaceId in candidates)
                {
                    IReadOnlyList<Conversation> conversations;
                    try
                    {
                        conversations = await context.Client.Conversations.ListAsync(workspaceId, ct);
                    }
                    catch (CarbonVoiceException exception) when (scanned > 0)
                    {
                        // The first workspace's answer is the route's verdict; later ones only help to find data.
                        skipped = $"another workspace answered with {exception.GetType().Name}";
                        scanned++;
                        continue;
                    }

                    scanned++;
                    all.AddRange(conversations);
                    if (Choose(conversations) is { } chosen && (best is null || (best.TotalMessages is not > 0 && chosen.TotalMessages is > 0 or null)))
                    {
                        best = chosen;
                        context.WorkspaceId = workspaceId;
                        context.ConversationId = chosen.Id;
                    }

                    if (best is { TotalMessages: > 0 or null })
                    {
                        break;
                    }
                }

                return all;
            },
            cancellationToken);

        // Without a conversation (or when the first workspace's list failed), the workspace reads use the first workspace.
        context.WorkspaceId ??= candidates[0];

        if (scanned > 1 || skipped is not null)
        {
            runner.Annotate(
                RouteCatalog.Conversations,
                string.Create(CultureInfo.InvariantCulture, $"called for {scanned} of {context.WorkspaceIds.Count} workspaces to find a conversation with messages") + (skipped is null ? string.Empty : "; " + skipped));
        }

        var workspace = context.WorkspaceId;
        await runner.ListAsync(RouteCatalog.AvailableConversations, ct => context.Client.Conversations.ListAvailableAsync(workspace, ct), cancellationToken);
    }

    public static async Task ReadAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var runner = context.Runner;
        var client = context.Client.Conversations;
        if (context.ConversationId is not { } conversationId)
        {
            foreach (var route in new[] { RouteCatalog.Conversation, RouteCatalog.ConversationV1, RouteCatalog.Collaborators, RouteCatalog.Summary })
            {
                runner.NotApplicable(route, NoConversation);
            }

            return;
        }

        await runner.SingleAsync(RouteCatalog.Conversation, ct => client.GetAsync(conversationId, ct), cancellationToken);
        await runner.SingleAsync(RouteCatalog.ConversationV1, ct => client.GetV1Async(conversationId, ct), cancellationToken);
        await runner.ListAsync(RouteCatalog.Collaborators, ct => client.ListCollaboratorsAsync(context.WorkspaceId!, conversationId, ct), cancellationToken);
        await runner.SingleAsync(RouteCatalog.Summary, ct => client.GetSummaryAsync(conversationId, ct), cancellationToken);
        if (runner.ReportOf(RouteCatalog.Summary)?.Outcome == RouteOutcome.NotFound)
        {
            runner.Annotate(RouteCatalog.Summary, "a 404 may only mean that this conversation has no summary yet");
        }
    }

    /// <summary>The conversation with the most messages; one whose count is unknown when none has a count above zero.</summary>
    private static Conversation? Choose(IReadOnlyList<Conversation> conversations)
        => conversations.Where(c => !string.IsNullOrEmpty(c.Id) && c.TotalMessages > 0).MaxBy(c => c.TotalMessages)
            ?? conversations.FirstOrDefault(c => !string.IsNullOrEmpty(c.Id) && c.TotalMessages is null)
            ?? conversations.FirstOrDefault(c => !string.IsNullOrEmpty(c.Id));
}
