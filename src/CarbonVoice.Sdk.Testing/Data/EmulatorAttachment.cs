namespace CarbonVoice.Sdk.Testing;

/// <summary>A snapshot of an attachment.</summary>
/// <param name="Id">The attachment id.</param>
/// <param name="Filename">The file name.</param>
/// <param name="MimeType">The MIME type.</param>
/// <param name="LengthInBytes">The size of its bytes.</param>
public sealed record EmulatorAttachment(string Id, string Filename, string MimeType, long LengthInBytes)
{
    /// <summary>Whether it is a text document (plain text, markdown, CSV, JSON or HTML), whose words a connector can index.</summary>
    public bool IsText => AttachmentContent.IsText(MimeType);
}
