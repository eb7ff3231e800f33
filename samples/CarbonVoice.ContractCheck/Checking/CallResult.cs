namespace CarbonVoice.ContractCheck.Checking;

/// <summary>What one route's SDK call returned.</summary>
/// <param name="Items">The object (one item) or the items of every page read.</param>
/// <param name="Pages">How many pages the SDK yielded (1 for unpaged calls).</param>
/// <param name="MoreAfterLastPage">For paged lists: whether the SDK had a continuation after the last page read.</param>
internal sealed record CallResult(IReadOnlyList<object> Items, int Pages, bool? MoreAfterLastPage);
