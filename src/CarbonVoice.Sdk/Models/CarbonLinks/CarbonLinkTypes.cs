namespace CarbonVoice.Sdk;

/// <summary>The values of <see cref="CreateCarbonLinkRequest.Type"/> and <see cref="CarbonLink.Type"/>.</summary>
public static class CarbonLinkTypes
{
    /// <summary>A web page link.</summary>
    public const string Website = "website";

    /// <summary>A QR code.</summary>
    public const string QrCode = "qr_code";

    /// <summary>A phone number.</summary>
    public const string Phone = "phone";
}
