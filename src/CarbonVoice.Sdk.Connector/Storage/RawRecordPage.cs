namespace CarbonVoice.Sdk.Connector;

/// <summary>One page of records changed since a watermark.</summary>
/// <param name="Items">The records, ordered by <see cref="RawRecord.ChangeSequence"/>.</param>
/// <param name="NextWatermark">The watermark to read the next page from (the last item's sequence, or the input watermark when empty).</param>
/// <param name="HasMore">Whether more changed records follow.</param>
public sealed record RawRecordPage(IReadOnlyList<RawRecord> Items, long NextWatermark, bool HasMore);
