namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Workspaces, their conversations and the action items listings.</summary>
internal sealed partial class SyncPass
{
    private async Task<List<string>> SyncWorkspacesAsync(CancellationToken cancellationToken)
    {
        Report(SyncPhase.Workspaces, CarbonVoiceEntities.Workspace);
        var ids = new List<string>();
        var store = _enabled.Contains(CarbonVoiceEntities.Workspace);
        await foreach (var page in _client.Workspaces.ListAsync().AsPages(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var records = new List<RawRecordUpsert>();
            foreach (var workspace in page.Items)
            {
                if (string.IsNullOrWhiteSpace(workspace.Id) || ids.Contains(workspace.Id))
                {
                    continue;
                }

                ids.Add(workspace.Id);
                if (store && Build(CarbonVoiceEntities.Workspace, workspace.Id, workspace, null, workspace.LastUpdatedAt) is { } record)
                {
                    records.Add(record);
                }
            }

            await StoreAsync(CarbonVoiceEntities.Workspace, records, cancellationToken).ConfigureAwait(false);
            Report(SyncPhase.Workspaces, CarbonVoiceEntities.Workspace);
        }

        return ids;
    }

    private async Task SyncWorkspaceContentsAsync(string workspaceId, List<(string Id, string WorkspaceId)> conversations, CancellationToken cancellationToken)
    {
        Report(SyncPhase.Conversations, CarbonVoiceEntities.Channel);
        try
        {
            var listed = await _client.Conversations.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false);
            var records = new List<RawRecordUpsert>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var deleted = new List<string>();
            foreach (var conversation in listed)
            {
                if (string.IsNullOrWhiteSpace(conversation.Id) || !seen.Add(conversation.Id) || !_conversationIds.Add(conversation.Id))
                {
                    continue;
                }

                if (conversation.DeletedAt is null)
                {
                    conversations.Add((conversation.Id, workspaceId));
                }
                else
                {
                    deleted.Add(conversation.Id);
                }

                if (_enabled.Contains(CarbonVoiceEntities.Channel)
                    && Build(CarbonVoiceEntities.Channel, conversation.Id, conversation, workspaceId, conversation.LastUpdatedAt) is { } record)
                {
                    records.Add(conversation.DeletedAt is null ? record : record with { IsDeleted = true });
                }
            }

            await StoreAsync(CarbonVoiceEntities.Channel, records, cancellationToken).ConfigureAwait(false);
            if (!IsDelta && _enabled.Contains(CarbonVoiceEntities.Channel))
            {
                deleted.AddRange(await SweepAsync(CarbonVoiceEntities.Channel, workspaceId, seen, cancellationToken).ConfigureAwait(false));
            }

            // The messages, action items and summary of a deleted conversation go with it.
            foreach (var conversationId in deleted)
            {
                await RemoveConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!IsRunStopping(ex))
        {
            RecordError("conversations", CarbonVoiceEntities.Channel, workspaceId, ex.Message, container: true);
        }
    }

    /// <summary>
    /// Stores a complete listing of action items under <paramref name="parentId"/> (a conversation, or
    /// <see cref="MineParent"/>) and sweeps the parent's items it no longer has. Every run lists them in full (there is no
    /// change feed of action items), so a delta sweeps too.
    /// </summary>
    private async Task SyncActionItemsAsync(string parentId, CarbonVoicePageable<ActionItem> items, Func<ActionItem, bool>? keep, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in items.AsPages(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var records = new List<RawRecordUpsert>();
            foreach (var item in page.Items)
            {
                if (!string.IsNullOrWhiteSpace(item.Id) && (keep?.Invoke(item) ?? true) && seen.Add(item.Id)
                    && Build(CarbonVoiceEntities.ActionItem, item.Id, item, parentId, item.UpdatedAt) is { } record)
                {
                    records.Add(item.DeletedAt is null ? record : record with { IsDeleted = true });
                }
            }

            await StoreAsync(CarbonVoiceEntities.ActionItem, records, cancellationToken).ConfigureAwait(false);
        }

        await SweepAsync(CarbonVoiceEntities.ActionItem, parentId, seen, cancellationToken).ConfigureAwait(false);
        lock (_actionItemIds)
        {
            _actionItemIds.UnionWith(seen);
        }
    }

    /// <summary>
    /// The user's own action items (<c>GET /action-items/mine</c>) outside the synced conversations: in folders, the home,
    /// or conversations the user is not in. Items of synced conversations come with their conversation's listing. A full
    /// sync then sweeps action items left under a workspace by the first layout (it listed them by a workspace container,
    /// which Carbon Voice does not have).
    /// </summary>
    private async Task SyncMyActionItemsAsync(IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken)
    {
        Report(SyncPhase.Conversations, CarbonVoiceEntities.ActionItem);
        try
        {
            await SyncActionItemsAsync(MineParent, _client.ActionItems.ListMineAsync(), item => !IsSyncedConversation(item), cancellationToken).ConfigureAwait(false);
            if (!IsDelta && ContainerFailures == 0)
            {
                HashSet<string> all;
                lock (_actionItemIds)
                {
                    all = [.. _actionItemIds];
                }

                foreach (var workspaceId in workspaceIds)
                {
                    await SweepAsync(CarbonVoiceEntities.ActionItem, workspaceId, all, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (!IsRunStopping(ex))
        {
            RecordError("action_items", CarbonVoiceEntities.ActionItem, MineParent, ex.Message, container: true);
        }
    }

    private bool IsSyncedConversation(ActionItem item)
        => string.Equals(item.ContainerType, ActionItemContainerTypes.Channel, StringComparison.Ordinal)
            && item.ContainerId is { } conversationId && _conversationIds.Contains(conversationId);

    /// <summary>After a complete listing of a parent's children, tombstones the stored children the listing no longer has.</summary>
    private async Task<IEnumerable<string>> SweepAsync(string entityType, string parentId, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var gone = new List<RawRecordKey>();
        string? after = null;
        while (true)
        {
            var page = await _raw.ListHeadersByParentAsync(_tenantId, _connectorId, entityType, parentId, after, 500, cancellationToken: cancellationToken).ConfigureAwait(false);
            gone.AddRange(page.Where(r => !seen.Contains(r.Key.ExternalId)).Select(r => r.Key));
            if (page.Count < 500)
            {
                break;
            }

            after = page[^1].Key.ExternalId;
        }

        await TombstoneAsync(entityType, gone, cancellationToken).ConfigureAwait(false);
        return gone.Select(k => k.ExternalId);
    }
}
