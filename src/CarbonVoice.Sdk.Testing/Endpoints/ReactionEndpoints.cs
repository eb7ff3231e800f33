namespace CarbonVoice.Sdk.Testing;

/// <summary><c>GET /reactions</c>: the reactions users can put on messages, a bare array of <c>{id, name, code, reaction_tts, image_url}</c>.</summary>
internal static class ReactionEndpoints
{
    public static void Register(Router router) => router.Add("GET", "/reactions", true, List);

    private static void List(RequestContext context)
    {
        var baseUrl = context.Request.BaseUrl;
        var w = context.Json();
        w.WriteStartArray();
        foreach (var id in NamePools.ReactionIds)
        {
            var name = id.Replace('_', ' ');
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", name);
            w.WriteString("code", NamePools.EmojiOf(id));
            w.WriteString("reaction_tts", name);
            w.WriteString("image_url", $"{baseUrl}reactions/{id}.png");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
