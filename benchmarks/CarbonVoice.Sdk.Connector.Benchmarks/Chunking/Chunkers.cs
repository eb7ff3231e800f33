using Microsoft.ML.Tokenizers;
using Microsoft.SemanticKernel.Text;

namespace CarbonVoice.Sdk.Connector.Benchmarks.Chunking;

/// <summary>The two chunkers side by side, with the same cl100k counter, and the over-budget check of their output.</summary>
public static class Chunkers
{
    public const int MaxTokens = 512;
    public const int OverlapTokens = 64;
    public const string Ours = "TokenChunker";
    public const string SemanticKernel = "SK TextChunker";

    /// <summary>An independent tokenizer instance to check the chunks with.</summary>
    private static readonly Tokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");
    private static readonly TokenChunker Chunker = new(TiktokenTokenCounter.Shared);
    private static readonly TextChunker.TokenCounter Counter = TiktokenTokenCounter.Shared.CountTokens;

    public static IReadOnlyList<string> Run(string chunker, ChunkingCorpus corpus)
    {
        var chunks = new List<string>();
        foreach (var (header, body) in corpus.Documents)
        {
            chunks.AddRange(chunker == Ours ? Chunker.Split(header, body, MaxTokens, OverlapTokens) : SplitWithSemanticKernel(header, body));
        }

        return chunks;
    }

    /// <summary>The chunks of a run and how many exceed <see cref="MaxTokens"/> (counted with the reference tokenizer).</summary>
    public static (int Chunks, int OverBudget) Check(string chunker, ChunkingCorpus corpus)
    {
        var chunks = Run(chunker, corpus);
        return (chunks.Count, chunks.Count(c => Reference.CountTokens(c) > MaxTokens));
    }

    /// <summary>Semantic Kernel's recipe: lines of at most the limit, then paragraphs with overlap and the header as chunk header.</summary>
    private static List<string> SplitWithSemanticKernel(string header, string body)
    {
        var prefix = header + "\n";
        var lines = TextChunker.SplitPlainTextLines(body, MaxTokens, Counter);
        return TextChunker.SplitPlainTextParagraphs(lines, MaxTokens, OverlapTokens, prefix, Counter);
    }
}
