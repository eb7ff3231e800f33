namespace CarbonVoice.Sdk;

/// <summary>The OpenID-style user profile of <c>/oauth/userinfo</c>.</summary>
public sealed record UserInfo : CarbonVoiceModel
{
    /// <summary>The user id (<c>sub</c>).</summary>
    public string? Sub { get; init; }

    /// <summary>The e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>The full name.</summary>
    public string? Name { get; init; }

    /// <summary>The first name.</summary>
    public string? GivenName { get; init; }

    /// <summary>The last name.</summary>
    public string? FamilyName { get; init; }

    /// <summary>The picture URL.</summary>
    public string? Picture { get; init; }
}
