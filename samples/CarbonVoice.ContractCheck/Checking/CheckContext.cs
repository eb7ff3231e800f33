using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Checking;

/// <summary>The state of one run: the client, the runner, and the ids discovered so far.</summary>
internal sealed class CheckContext
{
    public CheckContext(ICarbonVoiceClient client, ContractCheckOptions options, RouteRunner runner)
    {
        Client = client;
        Options = options;
        Runner = runner;
    }

    public ICarbonVoiceClient Client { get; }

    public ContractCheckOptions Options { get; }

    public RouteRunner Runner { get; }

    public int PageSize => Options.PageSize;

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>The signed-in user, from <c>/whoami</c>.</summary>
    public User? Me { get; set; }

    /// <summary>Workspace ids in the order they were discovered.</summary>
    public List<string> WorkspaceIds { get; } = [];

    /// <summary>The workspace whose conversation is checked.</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>The conversation whose messages are checked.</summary>
    public string? ConversationId { get; set; }

    /// <summary>Message ids of <see cref="ConversationId"/> in the order they were discovered.</summary>
    public List<string> MessageIds { get; } = [];

    /// <summary>Attachment ids seen on messages, in the order they were discovered.</summary>
    public List<string> AttachmentIds { get; } = [];

    /// <summary>Share link ids of forwarded messages, in the order they were discovered.</summary>
    public List<string> ShareLinkIds { get; } = [];

    /// <summary>Transcripts read so far (a word of one becomes the search query).</summary>
    public List<string> Transcripts { get; } = [];

    public void AddWorkspaces(IEnumerable<string?> ids)
    {
        foreach (var id in ids)
        {
            if (!string.IsNullOrWhiteSpace(id) && !WorkspaceIds.Contains(id, StringComparer.Ordinal))
            {
                WorkspaceIds.Add(id);
            }
        }
    }

    /// <summary>Notes the attachments and share links of v6 messages.</summary>
    public void AddSharing(IEnumerable<MessageV6> messages)
    {
        foreach (var message in messages)
        {
            foreach (var id in (message.Attachments ?? []).Select(a => a.Id))
            {
                if (!string.IsNullOrWhiteSpace(id) && !AttachmentIds.Contains(id, StringComparer.Ordinal))
                {
                    AttachmentIds.Add(id);
                }
            }

            if (!string.IsNullOrWhiteSpace(message.ShareLinkId) && !ShareLinkIds.Contains(message.ShareLinkId, StringComparer.Ordinal))
            {
                ShareLinkIds.Add(message.ShareLinkId);
            }
        }
    }

    public void AddMessages(IEnumerable<(string? Id, string? Transcript)> messages)
    {
        foreach (var (id, transcript) in messages)
        {
            if (!string.IsNullOrWhiteSpace(id) && !MessageIds.Contains(id, StringComparer.Ordinal))
            {
                MessageIds.Add(id);
            }

            if (!string.IsNullOrWhiteSpace(transcript))
            {
                Transcripts.Add(transcript);
            }
        }
    }
}
