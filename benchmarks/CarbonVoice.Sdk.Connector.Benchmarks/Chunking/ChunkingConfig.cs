using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CarbonVoice.Sdk.Connector.Benchmarks.Chunking;

/// <summary>Adds the corpus throughput, the chunk count and the chunks over budget of each case.</summary>
public sealed class ChunkingConfig : ManualConfig
{
    public ChunkingConfig()
    {
        AddColumn(new CorpusColumn("MB/s", (corpus, chunker, summary, benchmark) =>
            summary[benchmark]?.ResultStatistics is { } stats ? (corpus.Megabytes / (stats.Mean / 1e9)).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-"));
        AddColumn(new CorpusColumn("Chunks", (corpus, chunker, _, _) => Checked(corpus, chunker).Chunks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        AddColumn(new CorpusColumn("Over budget", (corpus, chunker, _, _) => Checked(corpus, chunker).OverBudget.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static readonly Dictionary<(string, string), (int Chunks, int OverBudget)> Checks = [];

    private static (int Chunks, int OverBudget) Checked(ChunkingCorpus corpus, string chunker)
    {
        lock (Checks)
        {
            if (!Checks.TryGetValue((corpus.Name, chunker), out var result))
            {
                Checks[(corpus.Name, chunker)] = result = Chunkers.Check(chunker, corpus);
            }

            return result;
        }
    }

    private sealed class CorpusColumn(string name, Func<ChunkingCorpus, string, Summary, BenchmarkCase, string> value) : IColumn
    {
        private static readonly Dictionary<string, ChunkingCorpus> Corpora = [];

        public string Id => nameof(CorpusColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => name switch
        {
            "MB/s" => "UTF-16 megabytes of corpus chunked per second",
            "Chunks" => "Chunks produced",
            _ => "Chunks over 512 cl100k tokens (independent tokenizer instance)",
        };

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var corpusName = (string)benchmarkCase.Parameters["Corpus"];
            ChunkingCorpus corpus;
            lock (Corpora)
            {
                if (!Corpora.TryGetValue(corpusName, out corpus!))
                {
                    Corpora[corpusName] = corpus = ChunkingCorpus.Create(corpusName);
                }
            }

            var chunker = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(ChunkingBenchmarks.Ours) ? Chunkers.Ours : Chunkers.SemanticKernel;
            return value(corpus, chunker, summary, benchmarkCase);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
