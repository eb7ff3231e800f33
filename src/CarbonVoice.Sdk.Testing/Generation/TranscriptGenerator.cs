using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Makes transcripts deterministically from a seed and a word count, so they need not be stored.</summary>
internal static class TranscriptGenerator
{
    private static readonly string[] English =
    [
        "the", "we", "need", "to", "ship", "release", "customer", "call", "tomorrow", "morning", "team", "update",
        "quick", "question", "about", "pricing", "contract", "renewal", "I", "think", "should", "move", "forward",
        "with", "plan", "and", "review", "budget", "next", "week", "please", "send", "me", "notes", "from",
        "meeting", "design", "looks", "great", "but", "the", "onboarding", "flow", "is", "still", "confusing",
        "let's", "sync", "on", "this", "later", "today", "deadline", "Friday", "can", "you", "check", "dashboard",
        "numbers", "are", "up", "ten", "percent", "since", "launch", "support", "tickets", "went", "down",
        "after", "fix", "deployed", "yesterday", "afternoon", "voice", "message", "async", "standup", "blocked",
        "waiting", "for", "legal", "approval", "marketing", "campaign", "starts", "Monday", "thanks", "everyone",
        "good", "job", "on", "demo", "sales", "pipeline", "looks", "healthy", "quarter", "goal", "hiring",
        "two", "engineers", "interview", "schedule", "feedback", "roadmap", "priority", "bug", "regression",
        "database", "migration", "weekend", "on-call", "rotation", "incident", "postmortem", "action", "items",
        "follow", "up", "owner", "summary", "agenda", "travel", "conference", "booth", "partner", "integration",
        "API", "webhook", "token", "sync", "export", "report", "invoice", "payment", "refund", "really", "just",
        "maybe", "definitely", "also", "so", "okay", "right", "anyway", "actually", "basically", "honestly",
    ];

    private static readonly string[] Spanish =
    [
        "hola", "equipo", "la", "reunión", "de", "mañana", "está", "confirmada", "necesitamos", "revisar", "el",
        "presupuesto", "próxima", "semana", "gracias", "por", "actualización", "cliente", "llamó", "sobre",
        "contrato", "año", "diseño", "nuevo", "perfecto", "también", "envío", "campaña", "después", "señal",
    ];

    private static readonly string[] Exotic =
    [
        "café", "naïve", "résumé", "über", "façade", "東京", "日本語", "Ελλάδα", "Москва", "São Paulo", "Zürich",
        "😀", "🎉", "👍", "🚀", "❤️", "🙏", "👩‍💻", "Ñandú", "İstanbul", "Kraków", "Đà Nẵng",
    ];

    public static string Generate(int seed, int words, bool spanish)
    {
        if (words <= 0)
        {
            return string.Empty;
        }

        var state = (uint)seed | 1u;
        var pool = spanish ? Spanish : English;
        var exotic = (seed & 3) == 0;
        var builder = new StringBuilder(words * 7);
        var sentenceLeft = 0;
        for (var i = 0; i < words; i++)
        {
            if (sentenceLeft == 0)
            {
                sentenceLeft = 4 + (int)(Next(ref state) % 15);
            }

            var word = exotic && Next(ref state) % 25 == 0
                ? Exotic[Next(ref state) % (uint)Exotic.Length]
                : pool[Next(ref state) % (uint)pool.Length];
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            var capitalize = builder.Length == 0 || builder[^2] is '.' or '?' or '!';
            if (capitalize && char.IsLower(word[0]))
            {
                builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else
            {
                builder.Append(word);
            }

            sentenceLeft--;
            if (sentenceLeft == 0 || i == words - 1)
            {
                builder.Append((Next(ref state) % 7) switch { 0 => '?', 1 => '!', _ => '.' });
            }
        }

        return builder.ToString();
    }

    /// <summary>A short deterministic summary text for a conversation.</summary>
    public static string Summary(int seed, string conversationName)
        => $"The team discussed {conversationName}. " + Generate(seed, 40, spanish: false);

    /// <summary>A waveform of 24 percentages derived from the seed.</summary>
    public static void Waveform(int seed, Span<int> into)
    {
        var state = (uint)seed ^ 0x9E3779B9u;
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = (int)(Next(ref state) % 101);
        }
    }

    private static uint Next(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
}
