namespace CarbonVoice.Sdk.Testing;

internal static class NamePools
{
    public static readonly string[] FirstNames =
    [
        "Ana", "Bruno", "Chloé", "Dmitri", "Élodie", "Farah", "Gökhan", "Hana", "Inés", "Jürgen", "Kwame", "Lucía",
        "Mei", "Nikolai", "Oluwaseun", "Priya", "Quentin", "Renée", "Søren", "Tomás", "Ümit", "Valentina", "Wei",
        "Yūki", "Zoë", "Αλέξανδρος", "Олег", "李娜", "Sarah", "James", "Fatima", "Diego",
    ];

    public static readonly string[] LastNames =
    [
        "Silva", "Müller", "García", "O'Brien", "Nakamura", "Kowalski", "Nguyễn", "Dubois", "Okafor", "Johansson",
        "Öztürk", "Rossi", "Ivanova", "Chen", "Papadopoulos", "Fernández", "Smith", "Haddad", "Kim", "Østergaard",
    ];

    public static readonly string[] WorkspaceNames =
    [
        "Acme Support", "Northwind Sales", "Ωmega Labs", "Café Créatif", "Globex Engineering", "Initech Ops",
        "Umbrella Research", "Stark Design", "Tōkyō Office", "Wayne Foundation",
    ];

    public static readonly string[] Topics =
    [
        "Weekly sync", "Product launch 🚀", "Customer escalations", "Design review", "Hiring", "Roadmap Q3",
        "Random", "Incidents", "Sales pipeline", "Partner integrations", "Marketing ✨", "Budget 2026",
        "Onboarding", "Support rota", "Release notes", "Research", "Ideas 💡", "Legal", "Travel", "Town hall",
    ];

    public static readonly string[] ActionTitles =
    [
        "Send the revised contract", "Book the venue", "Fix the onboarding bug", "Review the Q3 budget",
        "Call the customer back", "Update the roadmap", "Prepare the demo", "Write the release notes",
        "Schedule interviews", "Share meeting notes",
    ];

    public static readonly string[] ReactionIds = ["thumbs_up", "heart", "laugh", "tada", "eyes", "fire"];

    private static readonly string[] ReactionEmojis = ["👍", "❤️", "😂", "🎉", "👀", "🔥"];

    /// <summary>The emoji of a reaction id (the id itself when it is not one of <see cref="ReactionIds"/>).</summary>
    public static string EmojiOf(string reactionId)
    {
        var index = Array.IndexOf(ReactionIds, reactionId);
        return index < 0 ? reactionId : ReactionEmojis[index];
    }

    public static string Slug(string value)
    {
        Span<char> buffer = stackalloc char[value.Length];
        var length = 0;
        foreach (var c in value.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }
}
