namespace CarbonVoice.Sdk;

/// <summary>CarbonLinks: shareable links through which anyone can leave the user a voice message.</summary>
public interface ICarbonLinksClient
{
    /// <summary>Creates a CarbonLink in a workspace (<c>POST /carbonlink/create</c>, listed by the integration guide only: the shape is a guess read leniently). Not retried after a transient fault: it could create a duplicate.</summary>
    /// <param name="request">The new link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The workspace id or type is blank.</exception>
    Task<CarbonLink> CreateAsync(CreateCarbonLinkRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates the user's personal CarbonLink (<c>POST /carbonlink/personal</c>, listed by the integration guide only). Not retried after a transient fault: it could create a duplicate.</summary>
    /// <param name="request">Optional details (a name); null sends an empty body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<CarbonLink> CreatePersonalAsync(CreatePersonalCarbonLinkRequest? request = null, CancellationToken cancellationToken = default);
}
