namespace CarbonVoice.Sdk.Testing;

/// <summary>Fills a <see cref="DataStore"/> deterministically from the options' seed and counts.</summary>
internal static class DataGenerator
{
    private const long Day = 24L * 3600 * 1000;

    /// <summary>How many of a generated conversation's last messages nobody but their creator has played.</summary>
    private const int UnreadTail = 3;

    public static void Generate(DataStore store, EmulatorOptions options, long endMs, string baseUrl)
    {
        var rng = new Random(options.Seed);
        var userCount = Math.Max(1, options.Users);
        for (var i = 0; i < userCount; i++)
        {
            var first = NamePools.FirstNames[(i * 7 + rng.Next(NamePools.FirstNames.Length)) % NamePools.FirstNames.Length];
            var last = NamePools.LastNames[rng.Next(NamePools.LastNames.Length)];
            var slug = NamePools.Slug(first);
            var id = NewUnique(store.UsersById, rng, 20);
            var user = new UserRecord
            {
                Index = i,
                Id = id,
                FirstName = first,
                LastName = last,
                Email = $"{(slug.Length == 0 ? "user" : slug)}.{NamePools.Slug(last)}{i + 1}@example.com",
                ImageUrl = $"{baseUrl}avatars/{id}.png",
                Language = i % 5 == 3 ? "es" : "en",
                VoiceGender = i % 2 == 0 ? "F" : "M",
                CreatedMs = endMs - (400 - i) * Day,
                LastSeenMs = endMs - rng.Next(0, 72) * 3600_000L,
            };
            store.Users.Add(user);
            store.UsersById.Add(id, user);
        }

        for (var w = 0; w < options.Workspaces; w++)
        {
            GenerateWorkspace(store, options, rng, w, endMs);
        }

        // Derived from the generated data without the random generator, so the data above stays what it was.
        if (store.Users.Count > 1)
        {
            store.Users[^1].CreatedBy = store.Users[0];
        }

        ShareLinkGenerator.AddForwards(store, endMs);
    }

    private static void GenerateWorkspace(DataStore store, EmulatorOptions options, Random rng, int w, long endMs)
    {
        var users = store.Users;
        var last = w == options.Workspaces - 1 && options.Workspaces > 1 && users.Count > 1;

        // The last workspace (when there are several) is one the first user cannot see.
        var members = last ? users.Skip(1).ToList() : users.ToList();
        var owner = members[w % members.Count];
        var name = NamePools.WorkspaceNames[(w + rng.Next(3)) % NamePools.WorkspaceNames.Length];
        var workspace = new WorkspaceRecord
        {
            Id = NewUnique(store.WorkspacesById, rng, 12),
            Name = w >= NamePools.WorkspaceNames.Length ? $"{name} {w + 1}" : name,
            Description = $"Workspace of {owner.FirstName} {owner.LastName}",
            Type = w % 3 == 2 ? "webcontact" : "standard",
            Owner = owner,
            CreatedMs = endMs - (300 - w) * Day,
        };
        workspace.UpdatedMs = workspace.CreatedMs + Day;
        foreach (var member in members)
        {
            var role = ReferenceEquals(member, owner) ? "owner" : member.Index % 4 == 1 ? "admin" : member.Index % 4 == 3 ? "guest" : "member";
            workspace.Members.Add((member, role));
            member.Workspaces.Add(workspace);
        }

        store.Workspaces.Add(workspace);
        store.WorkspacesById.Add(workspace.Id, workspace);
        for (var c = 0; c < options.ConversationsPerWorkspace; c++)
        {
            var count = c == 3 ? 0 : options.MessagesPerConversation;
            GenerateConversation(store, rng, workspace, c, count, endMs, name: null, collaboratorIds: null);
        }
    }

    public static ConversationRecord GenerateConversation(
        DataStore store, Random rng, WorkspaceRecord workspace, int c, int messageCount, long endMs,
        string? name, IEnumerable<UserRecord>? collaboratorIds)
    {
        var type = (c % 6) switch { 1 => "directMessage", 4 => "asyncMeeting", 5 => "customerConversation", _ => "namedConversation" };
        if (collaboratorIds is not null)
        {
            type = "namedConversation";
        }

        var span = (30 + rng.Next(150)) * Day;
        var startMs = endMs - span;
        var members = workspace.Members;
        var creator = collaboratorIds?.FirstOrDefault() ?? members[rng.Next(members.Count)].User;
        var conversation = new ConversationRecord
        {
            Id = NewUnique(store.ConversationsById, rng, 16),
            Workspace = workspace,
            Name = name ?? NamePools.Topics[(c + rng.Next(4)) % NamePools.Topics.Length] + (c >= NamePools.Topics.Length ? $" {c + 1}" : string.Empty),
            Description = "Generated conversation",
            Type = type,
            Creator = creator,
            CreatedMs = startMs - 3600_000L,
            SortOrder = c,
            SummarySeed = rng.Next(),
        };
        conversation.UpdatedMs = conversation.CreatedMs;
        if (collaboratorIds is not null)
        {
            foreach (var user in collaboratorIds)
            {
                conversation.Collaborators.Add((user, ReferenceEquals(user, creator) ? "owner" : "member", conversation.CreatedMs));
            }
        }
        else if (type == "directMessage")
        {
            var a = members[0].User;
            var b = members[members.Count > 1 ? 1 : 0].User;
            conversation.Collaborators.Add((a, "member", conversation.CreatedMs));
            if (!ReferenceEquals(a, b))
            {
                conversation.Collaborators.Add((b, "member", conversation.CreatedMs));
            }
        }
        else
        {
            foreach (var (member, _) in members)
            {
                // Everyone joins the first conversations; later ones leave some members out (they show under /available).
                if (c < 3 || ReferenceEquals(member, creator) || member.Index == 0 || rng.Next(4) != 0)
                {
                    conversation.Collaborators.Add((member, ReferenceEquals(member, creator) ? "owner" : "member", conversation.CreatedMs + member.Index * 60_000L));
                }
            }
        }

        if (!conversation.IsCollaborator(creator))
        {
            conversation.Collaborators.Add((creator, "owner", conversation.CreatedMs));
        }

        workspace.Conversations.Add(conversation);
        store.Conversations.Add(conversation);
        store.ConversationsById.Add(conversation.Id, conversation);
        var slot = messageCount == 0 ? span : span / messageCount;
        for (var i = 0; i < messageCount; i++)
        {
            var created = startMs + slot * i + (long)(rng.NextDouble() * slot * 0.5);
            AddGeneratedMessage(store, rng, conversation, created, endMs);
        }

        // Everyone has played the history except each conversation's last few messages (those are "notified": unread).
        for (var i = 0; i < conversation.Messages.Count - UnreadTail; i++)
        {
            conversation.Messages[i].PlayedByAll = true;
        }

        GenerateActionItems(store, rng, conversation, endMs);
        return conversation;
    }

    private static void AddGeneratedMessage(DataStore store, Random rng, ConversationRecord conversation, long createdMs, long endMs)
    {
        var collaborators = conversation.Collaborators;
        var creator = collaborators[rng.Next(collaborators.Count)].User;
        var roll = rng.NextDouble();
        var words = roll < 0.45 ? rng.Next(3, 30) : roll < 0.85 ? rng.Next(30, 200) : roll < 0.97 ? rng.Next(200, 1000) : rng.Next(1000, 5000);
        var kindRoll = rng.Next(100);
        var kind = kindRoll < 15 ? MessageKind.Text : kindRoll < 18 ? MessageKind.Attachment : MessageKind.Audio;
        var messages = conversation.Messages;
        var parent = messages.Count > 0 && rng.Next(16) == 0 ? messages[rng.Next(messages.Count)] : null;
        if (parent?.Parent is not null)
        {
            parent = parent.Parent;
        }

        var message = new MessageRecord
        {
            Id = NewUnique(store.MessagesById, rng, 20),
            Conversation = conversation,
            Creator = creator,
            Sequence = messages.Count + 1,
            CreatedMs = createdMs,
            UpdatedMs = createdMs,
            ReadyMs = createdMs,
            TranscriptSeed = rng.Next(),
            WordCount = words,
            Kind = kind,
            Spanish = rng.Next(10) == 0,
            HasAttachment = kind == MessageKind.Attachment || rng.Next(12) == 0,
            DurationMs = kind == MessageKind.Audio ? words * 380 + rng.Next(2000) : 0,
            Parent = parent,
        };
        if (rng.Next(30) == 0)
        {
            message.UpdatedMs = Math.Min(endMs, createdMs + rng.Next(1, 86_400) * 1000L);
        }

        if (rng.Next(6) == 0)
        {
            message.Reactions = [];
            var reactions = 1 + rng.Next(3);
            for (var r = 0; r < reactions; r++)
            {
                message.Reactions.Add((collaborators[rng.Next(collaborators.Count)].User, NamePools.ReactionIds[rng.Next(NamePools.ReactionIds.Length)]));
            }
        }

        store.AddMessage(message);
        if (createdMs > conversation.UpdatedMs)
        {
            conversation.UpdatedMs = createdMs;
        }
    }

    private static void GenerateActionItems(DataStore store, Random rng, ConversationRecord conversation, long endMs)
    {
        if (conversation.Messages.Count == 0)
        {
            return;
        }

        var count = rng.Next(4);
        for (var i = 0; i < count; i++)
        {
            var source = conversation.Messages[rng.Next(conversation.Messages.Count)];
            var assignee = rng.Next(3) == 0 ? null : conversation.Collaborators[rng.Next(conversation.Collaborators.Count)].User;
            var item = new ActionItemRecord
            {
                Id = store.NewHexId(),
                Title = NamePools.ActionTitles[rng.Next(NamePools.ActionTitles.Length)],
                NotesText = rng.Next(2) == 0 ? null : "Mentioned in the conversation.",
                Status = (rng.Next(3)) switch { 0 => "suggested", 1 => "todo", _ => "done" },
                Creator = source.Creator,
                AssignedTo = assignee,
                Workspace = conversation.Workspace,
                ContainerType = "channel",
                ContainerId = conversation.Id,
                SourceMessageId = source.Id,
                DueDate = rng.Next(2) == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(source.CreatedMs + 7 * Day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                CreatedMs = Math.Min(endMs, source.CreatedMs + 60_000),
            };
            item.UpdatedMs = item.CreatedMs;
            store.ActionItems.Add(item);
        }
    }

    private static string NewUnique<T>(Dictionary<string, T> existing, Random rng, int length)
    {
        while (true)
        {
            var id = DataStore.NewId(rng, length);
            if (!existing.ContainsKey(id))
            {
                return id;
            }
        }
    }
}
