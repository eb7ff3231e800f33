using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Writes action items, CarbonLinks and export jobs.</summary>
internal static class ItemJson
{
    public static void WriteActionItem(Utf8JsonWriter w, ActionItemRecord a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("status", a.Status);
        w.WriteString("title", a.Title);
        w.WriteStringOrNull("notes_text", a.NotesText);
        w.WriteString("creator_id", a.Creator.Id);
        w.WriteString("last_updated_by", (a.LastUpdatedBy ?? a.Creator).Id);
        w.WriteStringOrNull("assigned_to", a.AssignedTo?.Id);
        w.WriteString("workspace_id", a.Workspace.Id);
        w.WriteString("container_id", a.ContainerId);
        w.WriteString("container_type", a.ContainerType);
        w.WriteStringOrNull("source_message_id", a.SourceMessageId);
        w.WriteStringOrNull("due_date", a.DueDate);
        w.WriteIso("created_at", a.CreatedMs);
        w.WriteIso("updated_at", a.UpdatedMs);
        w.WriteIsoOrNull("deleted_at", a.DeletedMs);
        w.WriteEndObject();
    }

    public static void WriteCarbonLink(Utf8JsonWriter w, CarbonLinkRecord link, in WriteScope scope)
    {
        w.WriteStartObject();
        w.WriteString("id", link.Id);
        w.WriteString("link", $"{scope.BaseUrl}cl/{link.Id}");
        w.WriteString("type", link.Type);
        w.WriteStringOrNull("name", link.Name);
        w.WriteStringOrNull("workspace_id", link.WorkspaceId);
        w.WriteStringOrNull("channel_id", link.ChannelId);
        w.WriteString("owner_id", link.OwnerId);
        w.WriteIso("created_at", link.CreatedMs);
        w.WriteEndObject();
    }

    public static void WriteExportJob(Utf8JsonWriter w, ExportJobRecord job, in WriteScope scope)
    {
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("type", job.Type);
        w.WriteString("status", job.Status);
        w.WriteString("format", job.Format);
        w.WriteString("workspace_id", job.Workspace.Id);
        w.WriteIso("created_at", job.CreatedMs);
        w.WriteIso("updated_at", job.UpdatedMs);
        if (job.Status == "done")
        {
            w.WriteString("download_url", $"{scope.BaseUrl}data-exporter/{job.Id}/download");
        }

        w.WriteEndObject();
    }
}
