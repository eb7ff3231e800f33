using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IShareLinksClient"/>. Members are virtual so tests can override them.</summary>
public class ShareLinksClient : IShareLinksClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected ShareLinksClient()
    {
        _connection = null!;
    }

    internal ShareLinksClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual Task<MessageShareLink> GetAsync(string shareLinkId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shareLinkId);
        return _connection.GetAsync(
            "GET /v6/message-sharelinks/{id}",
            PathBuilder.Format("v6/message-sharelinks/{0}", shareLinkId),
            CarbonVoiceJsonContext.Default.MessageShareLink,
            cancellationToken,
            wrapper: "share_link");
    }

    /// <inheritdoc />
    public virtual Task<MessageShareLink> CreateAsync(CreateShareLinkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        return _connection.PostAsync(
            "POST /message-sharelinks",
            PathBuilder.Format("message-sharelinks"),
            request,
            CarbonVoiceJsonContext.Default.CreateShareLinkRequest,
            CarbonVoiceJsonContext.Default.MessageShareLink,
            idempotent: false,
            cancellationToken,
            wrapper: "share_link");
    }

    private static void Validate(CreateShareLinkRequest request)
    {
        Require(request.SharedMessageId, nameof(CreateShareLinkRequest.SharedMessageId));
        Require(request.ShareType, nameof(CreateShareLinkRequest.ShareType));
        Require(request.AccessType, nameof(CreateShareLinkRequest.AccessType));
        var specified = string.Equals(request.AccessType, ShareLinkAccessTypes.Specified, StringComparison.Ordinal);
        if (specified && request.SpecifiedAccess is not { Count: > 0 })
        {
            throw new ArgumentException($"The request's {nameof(CreateShareLinkRequest.SpecifiedAccess)} needs at least one entry when {nameof(CreateShareLinkRequest.AccessType)} is '{ShareLinkAccessTypes.Specified}'.", nameof(request));
        }

        foreach (var (entry, index) in (request.SpecifiedAccess ?? []).Select((entry, index) => (entry, index)))
        {
            if (entry is null || string.IsNullOrWhiteSpace(entry.Type) || entry.Ids is not { Count: > 0 } || entry.Ids.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException($"The request's {nameof(CreateShareLinkRequest.SpecifiedAccess)}[{index}] needs a type and at least one id, none blank.", nameof(request));
            }
        }
    }

    private static void Require(string? value, string property)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The request's {property} is required and cannot be blank.", "request");
        }
    }
}
