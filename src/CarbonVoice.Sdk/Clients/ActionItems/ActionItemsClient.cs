using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IActionItemsClient"/>. Members are virtual so tests can override them.</summary>
public class ActionItemsClient : IActionItemsClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected ActionItemsClient()
    {
        _connection = null!;
    }

    internal ActionItemsClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual CarbonVoicePageable<ActionItem> ListAsync(string containerType, string containerId, ActionItemListOptions? options = null)
    {
        ActionItemContainerTypes.Validate(containerType, nameof(containerType), "The container type");
        ArgumentException.ThrowIfNullOrWhiteSpace(containerId);
        return List("GET /action-items/{container_type}/{container_id}", () => PathBuilder.Format("action-items/{0}/{1}", containerType, containerId), options);
    }

    /// <inheritdoc />
    public virtual CarbonVoicePageable<ActionItem> ListMineAsync(ActionItemListOptions? options = null)
        => List("GET /action-items/mine", () => PathBuilder.Format("action-items/mine"), options);

    /// <inheritdoc />
    public virtual Task<ActionItem> CreateAsync(CreateActionItemRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Title, nameof(CreateActionItemRequest.Title), nameof(request));
        ActionItemContainerTypes.Validate(request.ContainerType, nameof(request), $"The request's {nameof(CreateActionItemRequest.ContainerType)}");
        Require(request.ContainerId, nameof(CreateActionItemRequest.ContainerId), nameof(request));
        return _connection.PostAsync(
            "POST /action-items",
            PathBuilder.Format("action-items"),
            request,
            CarbonVoiceJsonContext.Default.CreateActionItemRequest,
            CarbonVoiceJsonContext.Default.ActionItem,
            idempotent: false,
            cancellationToken,
            wrapper: "action_item");
    }

    /// <inheritdoc />
    public virtual Task<ActionItem> UpdateAsync(string actionItemId, UpdateActionItemRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actionItemId);
        ArgumentNullException.ThrowIfNull(request);
        if (request is { Title: null, NotesText: null, AssignedTo: null, DueDate: null })
        {
            throw new ArgumentException("The update changes nothing: set at least one of Title, NotesText, AssignedTo or DueDate.", nameof(request));
        }

        return Send(HttpMethod.Put, "PUT /action-items/{id}", PathBuilder.Format("action-items/{0}", actionItemId), request, CarbonVoiceJsonContext.Default.UpdateActionItemRequest, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<ActionItem> UpdateStatusAsync(string actionItemId, string status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actionItemId);
        if (!ActionItemStatuses.IsKnown(status))
        {
            throw new ArgumentException($"The status must be '{ActionItemStatuses.Suggested}', '{ActionItemStatuses.Todo}' or '{ActionItemStatuses.Done}', not '{status}'.", nameof(status));
        }

        return Send(HttpMethod.Patch, "PATCH /action-items/{id}/status", PathBuilder.Format("action-items/{0}/status", actionItemId), new ActionItemStatusBody(status), CarbonVoiceJsonContext.Default.ActionItemStatusBody, cancellationToken);
    }

    private Task<ActionItem> Send<TBody>(HttpMethod method, string endpoint, PathBuilder path, TBody body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TBody> bodyInfo, CancellationToken cancellationToken)
        => _connection.SendJsonAsync(method, endpoint, path, body, bodyInfo, CarbonVoiceJsonContext.Default.ActionItem, idempotent: true, cancellationToken, wrapper: "action_item");

    private CarbonVoicePageable<ActionItem> List(string endpoint, Func<PathBuilder> path, ActionItemListOptions? options)
        => CursorPaging.Create(
            (cursor, size, ct) => _connection.GetAsync(
                endpoint,
                path()
                    .Add("limit", size ?? options?.PageSize)
                    .Add("starting_after", cursor)
                    .Add("status", options?.Status),
                CarbonVoiceJsonContext.Default.ApiListActionItem,
                ct),
            item => item.Id);

    private static void Require(string? value, string property, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The request's {property} is required and cannot be blank.", parameter);
        }
    }
}
