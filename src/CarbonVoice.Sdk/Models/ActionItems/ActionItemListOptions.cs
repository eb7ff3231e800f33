namespace CarbonVoice.Sdk;

/// <summary>Filters of <see cref="IActionItemsClient.ListAsync"/> and <see cref="IActionItemsClient.ListMineAsync"/>.</summary>
public sealed record ActionItemListOptions
{
    /// <summary>Only items with this status (see <see cref="ActionItemStatuses"/>).</summary>
    public string? Status { get; init; }

    /// <summary>Page size; the default is the service's (50).</summary>
    public int? PageSize { get; init; }
}
