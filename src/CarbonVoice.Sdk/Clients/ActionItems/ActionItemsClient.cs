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
        ArgumentException.ThrowIfNullOrWhiteSpace(containerType);
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
        Require(request.ContainerType, nameof(CreateActionItemRequest.ContainerType), nameof(request));
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
