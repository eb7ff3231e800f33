namespace CarbonVoice.Sdk;

/// <summary>The values of a share link's <c>share_type</c>.</summary>
public static class ShareLinkTypes
{
    /// <summary>A link to open the message (what <see cref="IShareLinksClient.CreateAsync"/> creates by default).</summary>
    public const string Link = "link";

    /// <summary>The record behind a forwarded message.</summary>
    public const string Forward = "forward";
}

/// <summary>The values of a share link's <c>access_type</c>.</summary>
public static class ShareLinkAccessTypes
{
    /// <summary>Anyone with the link.</summary>
    public const string Public = "public";

    /// <summary>Only the users, channels or workspaces of <see cref="CreateShareLinkRequest.SpecifiedAccess"/>.</summary>
    public const string Specified = "specified";

    /// <summary>The recipients of a forward.</summary>
    public const string Forward = "forward";
}
