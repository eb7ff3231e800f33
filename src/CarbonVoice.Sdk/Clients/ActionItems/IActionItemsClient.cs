namespace CarbonVoice.Sdk;

/// <summary>Action items: to-dos attached to conversations, folders, the home or workspaces.</summary>
public interface IActionItemsClient
{
    /// <summary>Lists the action items of a container (<c>GET /action-items/{container_type}/{container_id}</c>, cursor paged; a bare array is one page).</summary>
    /// <param name="containerType">The container type: see <see cref="ActionItemContainerTypes"/>.</param>
    /// <param name="containerId">The container id.</param>
    /// <param name="options">Filters.</param>
    /// <exception cref="ArgumentException"><paramref name="containerType"/> or <paramref name="containerId"/> is null or blank (thrown at once, before enumeration).</exception>
    CarbonVoicePageable<ActionItem> ListAsync(string containerType, string containerId, ActionItemListOptions? options = null);

    /// <summary>Lists the action items assigned to the user (<c>GET /action-items/mine</c>, cursor paged; a bare array is one page).</summary>
    /// <param name="options">Filters.</param>
    CarbonVoicePageable<ActionItem> ListMineAsync(ActionItemListOptions? options = null);

    /// <summary>Creates an action item (<c>POST /action-items</c>). Not retried after a transient fault: it could create a duplicate.</summary>
    /// <param name="request">The new item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The title, container type or container id is blank.</exception>
    Task<ActionItem> CreateAsync(CreateActionItemRequest request, CancellationToken cancellationToken = default);
}
