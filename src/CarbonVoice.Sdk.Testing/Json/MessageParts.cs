using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Pieces shared by the message writers: attachments, waveforms, reactions, time codes, audio URLs.</summary>
internal static class MessageParts
{
    /// <summary>Time a generated word takes in the time codes.</summary>
    public const int WordMs = 380;

    private const int WordSpokenMs = 340;
    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static readonly JsonEncodedText Word = JsonEncodedText.Encode("t");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("s");
    private static readonly JsonEncodedText End = JsonEncodedText.Encode("e");

    public static string AudioUrl(MessageRecord m, in WriteScope scope) => $"{scope.BaseUrl}audio/{m.Id}.mp3";

    public static string StreamingUrl(MessageRecord m, in WriteScope scope) => $"{scope.BaseUrl}audio/{m.Id}.m3u8";

    public static string PresignedUrl(MessageRecord m, in WriteScope scope) => $"{scope.BaseUrl}audio/{m.Id}.mp3?X-Expires=3600";

    public static string Link(MessageRecord m, in WriteScope scope) => $"{scope.BaseUrl}m/{m.Id}";

    /// <summary>The attachments of a message: v3 names an id <c>_id</c> and its URL <c>link</c>; v5 and v6 <c>id</c> and <c>url</c>.</summary>
    public static void WriteAttachments(Utf8JsonWriter w, MessageRecord m, in WriteScope scope, bool v3)
    {
        foreach (var attachment in m.Attachments)
        {
            w.WriteStartObject();
            w.WriteString(v3 ? "_id" : "id", attachment.Id);
            w.WriteString("creator_id", attachment.Creator.Id);
            w.WriteIso("created_at", attachment.CreatedMs);
            w.WriteString("type", "file");
            w.WriteString(v3 ? "link" : "url", FileUrl(attachment, scope));
            w.WriteString("filename", attachment.Filename);
            w.WriteString("mime_type", attachment.MimeType);
            w.WriteNumber("length_in_bytes", attachment.LengthInBytes);
            w.WriteString("status", "Uploaded");
            w.WriteEndObject();
        }
    }

    /// <summary>The canonical (unsigned) address of an attachment's file: a GET of it without a signature is refused, as on the real file host.</summary>
    public static string FileUrl(AttachmentRecord attachment, in WriteScope scope)
        => $"{scope.BaseUrl}{SignedUrls.Prefix}/{attachment.Id}/{Uri.EscapeDataString(attachment.Filename)}";

    /// <summary><c>share_link_id</c>, on a message a share link of type <c>forward</c> was made with (every shape); absent otherwise.</summary>
    public static void WriteShareLinkId(Utf8JsonWriter w, MessageRecord m)
    {
        if (m.ShareLink is { } shareLink)
        {
            w.WriteString("share_link_id", shareLink.Id);
        }
    }

    /// <summary>v3/v5 <c>waveform_percentages</c>: 24 numbers 0–100.</summary>
    public static void WriteWaveformArray(Utf8JsonWriter w, MessageRecord m)
    {
        Span<int> waveform = stackalloc int[24];
        TranscriptGenerator.Waveform(m.TranscriptSeed, waveform);
        w.WriteStartArray("waveform_percentages");
        foreach (var value in waveform)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>v6 <c>waveform_percentage</c>: the same bars as a base-36 string, one character per bar (0 = silent, z = loudest).</summary>
    public static void WriteWaveformString(Utf8JsonWriter w, MessageRecord m)
    {
        Span<int> waveform = stackalloc int[24];
        TranscriptGenerator.Waveform(m.TranscriptSeed, waveform);
        Span<char> bars = stackalloc char[waveform.Length];
        for (var i = 0; i < waveform.Length; i++)
        {
            bars[i] = Base36[waveform[i] * (Base36.Length - 1) / 100];
        }

        w.WriteString("waveform_percentage", bars);
    }

    /// <summary>Words with their timings <c>[{t, s, e}]</c> (milliseconds from the start, <see cref="WordMs"/> per word); joining <c>t</c> with spaces gives the transcript.</summary>
    public static void WriteTimeCodes(Utf8JsonWriter w, string name, string transcript)
    {
        w.WriteStartArray(name);
        var start = 0L;
        var text = transcript.AsSpan();
        foreach (var range in text.Split(' '))
        {
            var word = text[range];
            if (word.IsEmpty)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString(Word, word);
            w.WriteNumber(Start, start);
            w.WriteNumber(End, start + WordSpokenMs);
            w.WriteEndObject();
            start += WordMs;
        }

        w.WriteEndArray();
    }

    /// <summary><c>reaction_summary</c>: counts per reaction id and the first reactions; v6 adds <c>top_user_emojis</c>.</summary>
    public static void WriteReactionSummary(Utf8JsonWriter w, MessageRecord m, bool withEmojis)
    {
        var reactions = m.Reactions ?? [];
        w.WriteStartObject("reaction_summary");
        w.WriteStartObject("reaction_counts");
        foreach (var group in reactions.GroupBy(r => r.ReactionId, StringComparer.Ordinal))
        {
            w.WriteNumber(group.Key, group.Count());
        }

        w.WriteEndObject();
        w.WriteStartArray("top_user_reactions");
        foreach (var (user, reactionId) in reactions.Take(5))
        {
            w.WriteStartObject();
            w.WriteString("user_id", user.Id);
            w.WriteString("reaction_id", reactionId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (withEmojis)
        {
            w.WriteStartArray("top_user_emojis");
            foreach (var group in reactions.GroupBy(r => r.ReactionId, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("reaction", NamePools.EmojiOf(group.Key));
                w.WriteNumber("count", group.Count());
                w.WriteStartArray("user_ids");
                foreach (var user in group.Select(r => r.User).Distinct())
                {
                    w.WriteStringValue(user.Id);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
