namespace CarbonVoice.Sdk;

/// <summary>Action items: to-dos attached to conversations, folders or the user's home.</summary>
public interface IActionItemsClient
{
    /// <summary>
    /// Lists the action items of a container (<c>GET /action-items/{container_type}/{container_id}</c>, listed by the
    /// integration guide; its envelope is unknown, so a cursor envelope and a bare array, one page, are both read).
    /// </summary>
    /// <param name="containerType">The container type: <c>channel</c>, <c>folder</c> or <c>home</c> (<see cref="ActionItemContainerTypes"/>).</param>
    /// <param name="containerId">The container id.</param>
    /// <param name="options">Filters.</param>
    /// <exception cref="ArgumentException"><paramref name="containerType"/> is not a container type Carbon Voice has, or <paramref name="containerId"/> is blank (thrown at once, before enumeration).</exception>
    CarbonVoicePageable<ActionItem> ListAsync(string containerType, string containerId, ActionItemListOptions? options = null);

    /// <summary>Lists the action items assigned to the user (<c>GET /action-items/mine</c>, listed by the integration guide; cursor paged, a bare array is one page).</summary>
    /// <param name="options">Filters.</param>
    CarbonVoicePageable<ActionItem> ListMineAsync(ActionItemListOptions? options = null);

    /// <summary>Creates an action item (<c>POST /action-items</c>, confirmed). Not retried after a transient fault: it could create a duplicate.</summary>
    /// <param name="request">The new item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The title or container id is blank, or the container type is not <c>channel</c>, <c>folder</c> or <c>home</c>.</exception>
    Task<ActionItem> CreateAsync(CreateActionItemRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes an action item's title, notes, assignee or due date (<c>PUT /action-items/{id}</c>, confirmed; a partial
    /// update: properties left null are not sent and stay as they are). Retried after a transient fault: repeating it is harmless.
    /// </summary>
    /// <param name="actionItemId">The action item id.</param>
    /// <param name="request">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="actionItemId"/> is blank, or <paramref name="request"/> changes nothing.</exception>
    /// <exception cref="CarbonVoiceNotFoundException">No such action item.</exception>
    Task<ActionItem> UpdateAsync(string actionItemId, UpdateActionItemRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets an action item's status (<c>PATCH /action-items/{id}/status</c>, confirmed). Retried after a transient fault: repeating it is harmless.</summary>
    /// <param name="actionItemId">The action item id.</param>
    /// <param name="status"><c>suggested</c>, <c>todo</c> or <c>done</c> (<see cref="ActionItemStatuses"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="actionItemId"/> is blank or <paramref name="status"/> is not one of the three statuses.</exception>
    /// <exception cref="CarbonVoiceNotFoundException">No such action item.</exception>
    Task<ActionItem> UpdateStatusAsync(string actionItemId, string status, CancellationToken cancellationToken = default);
}
