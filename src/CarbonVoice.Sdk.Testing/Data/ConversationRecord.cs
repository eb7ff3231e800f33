namespace CarbonVoice.Sdk.Testing;

internal sealed class ConversationRecord
{
    public required string Id { get; init; }
    public required WorkspaceRecord Workspace { get; init; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public required string Type { get; init; }
    public required UserRecord Creator { get; init; }
    public required long CreatedMs { get; init; }
    public required int SortOrder { get; init; }
    public long UpdatedMs { get; set; }
    public long DeletedMs { get; set; }

    /// <summary>A deleted conversation that <c>/channels/{ws}</c> still lists (a stale listing): reads of it are 403 all the same.</summary>
    public bool StillListed { get; set; }
    public int SummarySeed { get; init; }

    /// <summary>Upper bound of <see cref="MessageRecord.UpdatedAt"/> over its messages, at any time: lets the change feed skip quiet conversations.</summary>
    public long LatestChangeMs { get; set; }

    public List<(UserRecord User, string Permission, long JoinedMs)> Collaborators { get; } = [];

    /// <summary>All messages ever posted, deleted ones included, index = sequence - 1.</summary>
    public List<MessageRecord> Messages { get; } = [];

    public int ActiveCount { get; set; }
    public long TotalDurationMs { get; set; }

    public string? DmHash => Type == "directMessage" ? "dm_" + Id : null;

    public bool IsDeleted => DeletedMs != 0;

    public bool IsCollaborator(UserRecord user)
    {
        foreach (var collaborator in Collaborators)
        {
            if (ReferenceEquals(collaborator.User, user))
            {
                return true;
            }
        }

        return false;
    }

    public long LastPostedMs()
    {
        for (var i = Messages.Count - 1; i >= 0; i--)
        {
            if (Messages[i].DeletedMs == 0)
            {
                return Messages[i].CreatedMs;
            }
        }

        return 0;
    }
}
