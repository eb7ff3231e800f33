namespace CarbonVoice.Sdk.Connector;

/// <summary>One page of the headers of records changed since a watermark.</summary>
/// <param name="Items">The headers, ordered by <see cref="RawRecordHeader.ChangeSequence"/>.</param>
/// <param name="NextWatermark">The watermark to read the next page from (the last item's sequence, or the input watermark when empty).</param>
/// <param name="HasMore">Whether more changed records follow.</param>
public sealed record RawRecordHeaderPage(IReadOnlyList<RawRecordHeader> Items, long NextWatermark, bool HasMore);
