using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="ICarbonLinksClient"/>. Members are virtual so tests can override them.</summary>
public class CarbonLinksClient : ICarbonLinksClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected CarbonLinksClient()
    {
        _connection = null!;
    }

    internal CarbonLinksClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual Task<CarbonLink> CreateAsync(CreateCarbonLinkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.WorkspaceId, nameof(CreateCarbonLinkRequest.WorkspaceId), nameof(request));
        Require(request.Type, nameof(CreateCarbonLinkRequest.Type), nameof(request));
        return _connection.PostAsync(
            "POST /carbonlink/create",
            PathBuilder.Format("carbonlink/create"),
            request,
            CarbonVoiceJsonContext.Default.CreateCarbonLinkRequest,
            CarbonVoiceJsonContext.Default.CarbonLink,
            idempotent: false,
            cancellationToken,
            wrapper: "carbonlink");
    }

    /// <inheritdoc />
    public virtual Task<CarbonLink> CreatePersonalAsync(CreatePersonalCarbonLinkRequest? request = null, CancellationToken cancellationToken = default)
        => _connection.PostAsync(
            "POST /carbonlink/personal",
            PathBuilder.Format("carbonlink/personal"),
            request ?? new CreatePersonalCarbonLinkRequest(),
            CarbonVoiceJsonContext.Default.CreatePersonalCarbonLinkRequest,
            CarbonVoiceJsonContext.Default.CarbonLink,
            idempotent: false,
            cancellationToken,
            wrapper: "carbonlink");

    private static void Require(string? value, string property, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The request's {property} is required and cannot be blank.", parameter);
        }
    }
}
