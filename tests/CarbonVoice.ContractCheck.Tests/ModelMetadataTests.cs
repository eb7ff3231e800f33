using CarbonVoice.ContractCheck.Analysis;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Tests;

public sealed class ModelMetadataTests
{
    [Fact]
    public void Fields_are_json_names_with_nested_paths()
    {
        var fields = ModelMetadata.FieldsOf(typeof(MessageV6)).Select(f => f.Path).ToList();

        Assert.Contains("content", fields);
        Assert.Contains("content.transcript", fields);
        Assert.Contains("content.time_codes[].t", fields);
        Assert.Contains("attachments[].filename", fields);
        Assert.Contains("reaction_summary.top_user_reactions[].user_id", fields);
        Assert.Contains("thread_id", fields);
        Assert.DoesNotContain("transcript", fields);
        Assert.DoesNotContain("parent_message_id", fields);
        Assert.DoesNotContain("is_deleted", fields);
        Assert.DoesNotContain(fields, f => f.Contains("additional_properties", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_property_names_win_and_internal_aliases_are_not_modelled_fields()
    {
        var conversation = ModelMetadata.FieldsOf(typeof(Conversation)).Select(f => f.Path).ToList();
        var legacy = ModelMetadata.FieldsOf(typeof(LegacyMessage)).Select(f => f.Path).ToList();

        Assert.Contains("channel_guid", conversation);
        Assert.Contains("json_collaborators[].user_guid", conversation);
        Assert.Contains("json_collaborators[].joined", conversation);
        Assert.Contains("total_duration_milliseconds", conversation);
        Assert.DoesNotContain("id", conversation);
        Assert.DoesNotContain("total_duration_ms", conversation);
        Assert.Contains("message_id", legacy);
        Assert.Contains("audio_models[]._id", legacy);
        Assert.Contains("text_models[].timecodes[].t", legacy);
    }

    [Fact]
    public void Nested_fields_count_as_unseen_only_where_their_object_appeared()
    {
        var seen = new SeenFields();
        using var withContent = System.Text.Json.JsonDocument.Parse("""{"id": "m1", "content": {"transcript": "hi"}, "attachments": []}""");
        seen.Add(withContent.RootElement);

        var unseen = seen.NeverSeen(typeof(MessageV6));

        Assert.Contains("content.language", unseen);
        Assert.Contains("type", unseen);
        Assert.DoesNotContain("content.transcript", unseen);
        Assert.DoesNotContain("attachments", unseen);
        Assert.DoesNotContain("attachments[].filename", unseen);
        Assert.DoesNotContain("reaction_summary.reaction_counts", unseen);
        Assert.Contains("reaction_summary", unseen);
    }
}
