using System.Globalization;
using System.Text;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.Connector.Benchmarks.Chunking;

/// <summary>A set of documents to chunk, each with the header its chunks start with.</summary>
public sealed record ChunkingCorpus(string Name, IReadOnlyList<(string Header, string Body)> Documents)
{
    public const string Messages = "messages";
    public const string Conversations = "conversations";
    public const string Hard = "hard";
    public const string Cjk = "cjk";

    private static readonly Lazy<EmulatorData> Data = new(CreateData);

    public static IReadOnlyList<string> Names { get; } = [Messages, Conversations, Hard, Cjk];

    /// <summary>The UTF-16 length of all bodies, in megabytes (for MB/s).</summary>
    public double Megabytes => Documents.Sum(d => d.Body.Length * 2L) / 1024.0 / 1024.0;

    public static ChunkingCorpus Create(string name) => name switch
    {
        Messages => CreateMessages(),
        Conversations => CreateConversations(),
        Hard => CreateHard(),
        Cjk => CreateCjk(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown corpus."),
    };

    /// <summary>Every message transcript of the emulator's data, one document each, with the long-message header.</summary>
    private static ChunkingCorpus CreateMessages()
    {
        var documents = new List<(string, string)>();
        foreach (var conversation in Data.Value.Conversations)
        {
            foreach (var message in Data.Value.MessagesIn(conversation.Id).Where(m => m.Transcript.Length > 0))
            {
                documents.Add(($"Conversation: {conversation.Name} | Speaker: {message.CreatorId} | Time: {message.CreatedAt:yyyy-MM-dd HH:mm} UTC", message.Transcript));
            }
        }

        return new ChunkingCorpus(Messages, documents);
    }

    /// <summary>Each conversation as one document: one line per message with its time and speaker.</summary>
    private static ChunkingCorpus CreateConversations()
    {
        var documents = new List<(string, string)>();
        foreach (var conversation in Data.Value.Conversations)
        {
            var text = new StringBuilder();
            foreach (var message in Data.Value.MessagesIn(conversation.Id).Where(m => m.Transcript.Length > 0))
            {
                text.Append(CultureInfo.InvariantCulture, $"[{message.CreatedAt:yyyy-MM-dd HH:mm} UTC] {message.CreatorId}: ").Append(message.Transcript.ReplaceLineEndings(" ")).Append('\n');
            }

            documents.Add(($"Conversation: {conversation.Name}", text.ToString()));
        }

        return new ChunkingCorpus(Conversations, documents);
    }

    /// <summary>Text without sentence or word boundaries: space-less CJK, emoji runs, long URLs, unpunctuated run-ons.</summary>
    private static ChunkingCorpus CreateHard()
    {
        var random = new Random(7);
        const string cjk = "数据同步非常重要我们需要在本季度完成客户续约计划并更新路线图今天的会议讨论了预算和发布时间日本語のテキストには空白がありません한국어문장도띄어쓰기없이";
        const string emoji = "👋🏽🚀🔥✅🎉👩‍💻🇯🇵";
        string[] words = ["pipeline", "customer", "renewal", "quarter", "budget", "roadmap", "the", "we", "should", "ship", "invoice", "onboarding"];
        var documents = new List<(string, string)>();
        for (var d = 0; d < 2; d++)
        {
            documents.Add(("Conversation: CJK | Speaker: 李雷", Repeat(random, 6_000, () => cjk[random.Next(cjk.Length)].ToString())));
            documents.Add(("Conversation: Emoji | Speaker: Ana", Repeat(random, 3_000, () => emoji[random.Next(emoji.Length / 2) * 2].ToString() + emoji[(random.Next(emoji.Length / 2) * 2) + 1])));
            documents.Add(("Conversation: Links | Speaker: Bo", Repeat(random, 40, () => "https://example.test/" + string.Concat(Enumerable.Range(0, 300).Select(_ => (char)('a' + random.Next(26)))) + "?q=" + random.Next() + " ")));
            documents.Add(("Conversation: Run-on | Speaker: Cy", Repeat(random, 3_000, () => words[random.Next(words.Length)] + " ")));
        }

        return new ChunkingCorpus(Hard, documents);
    }

    /// <summary>
    /// Space-less CJK only: half of the documents without a single break (as in <c>hard</c>), half with CJK punctuation
    /// every 8 to 40 characters (Chinese as written), each 6,000 characters.
    /// </summary>
    private static ChunkingCorpus CreateCjk()
    {
        var random = new Random(11);
        const string cjk = "数据同步非常重要我们需要在本季度完成客户续约计划并更新路线图今天的会议讨论了预算和发布时间日本語のテキストには空白がありません한국어문장도띄어쓰기없이";
        const string punctuation = "，。、！？；：";
        var documents = new List<(string, string)>();
        for (var d = 0; d < 8; d++)
        {
            var punctuated = d % 2 == 1;
            var next = random.Next(8, 40);
            var text = new StringBuilder();
            while (text.Length < 6_000)
            {
                if (punctuated && --next == 0)
                {
                    text.Append(punctuation[random.Next(punctuation.Length)]);
                    next = random.Next(8, 40);
                }
                else
                {
                    text.Append(cjk[random.Next(cjk.Length)]);
                }
            }

            documents.Add(($"Conversation: CJK {d} | Speaker: 李雷", text.ToString()));
        }

        return new ChunkingCorpus(Cjk, documents);
    }

    private static string Repeat(Random random, int count, Func<string> next)
    {
        _ = random;
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(next());
        }

        return text.ToString().Trim();
    }

    private static EmulatorData CreateData()
    {
        var options = new EmulatorOptions { Seed = 5, Workspaces = 1, ConversationsPerWorkspace = 6, MessagesPerConversation = 80, Users = 4 };
        options.RateLimit.Enabled = false;
        return new CarbonVoiceEmulator(options).Data;
    }
}
