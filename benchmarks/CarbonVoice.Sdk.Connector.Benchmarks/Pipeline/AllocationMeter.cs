using System.Globalization;

namespace CarbonVoice.Sdk.Connector.Benchmarks.Pipeline;

/// <summary>What a phase of the run allocated on the managed heap, and the collections it caused (this process only).</summary>
internal sealed class AllocationMeter
{
    private long _allocated = GC.GetTotalAllocatedBytes(precise: true);
    private int[] _collections = Collections();

    /// <summary>The allocations and collections since the last phase ended (or since construction), and a new phase begins.</summary>
    public string Phase()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = Collections();
        var line = string.Create(CultureInfo.InvariantCulture, $"allocated={(allocated - _allocated) / 1048576.0:F0} MiB collections gen0/1/2={collections[0] - _collections[0]}/{collections[1] - _collections[1]}/{collections[2] - _collections[2]}");
        (_allocated, _collections) = (allocated, collections);
        return line;
    }

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
}
