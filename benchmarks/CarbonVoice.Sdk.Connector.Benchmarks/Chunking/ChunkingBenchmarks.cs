using BenchmarkDotNet.Attributes;

namespace CarbonVoice.Sdk.Connector.Benchmarks.Chunking;

/// <summary>Chunking 512/64 with cl100k: ours against Semantic Kernel's TextChunker on three corpora.</summary>
[MemoryDiagnoser]
[Config(typeof(ChunkingConfig))]
public class ChunkingBenchmarks
{
    private ChunkingCorpus _corpus = null!;

    [ParamsSource(nameof(Corpora))]
    public string Corpus { get; set; } = ChunkingCorpus.Messages;

    public static IEnumerable<string> Corpora => ChunkingCorpus.Names;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = ChunkingCorpus.Create(Corpus);

        // The budget is checked inside the run: ours must never exceed it (the baseline's count is reported in a column).
        var (chunks, over) = Chunkers.Check(Chunkers.Ours, _corpus);
        Console.WriteLine($"// {Corpus}: {_corpus.Documents.Count} documents, {_corpus.Megabytes:F2} MB, {chunks} chunks, {over} over {Chunkers.MaxTokens} tokens");
        if (over > 0)
        {
            throw new InvalidOperationException($"{over} chunks of the {Corpus} corpus exceed {Chunkers.MaxTokens} tokens.");
        }
    }

    [Benchmark(Baseline = true, Description = Chunkers.SemanticKernel)]
    public int SemanticKernel() => Chunkers.Run(Chunkers.SemanticKernel, _corpus).Count;

    [Benchmark(Description = Chunkers.Ours)]
    public int Ours() => Chunkers.Run(Chunkers.Ours, _corpus).Count;
}
