namespace CarbonVoice.Sdk.Internal;

/// <summary>The body of <c>POST /v5/attachments/download/signedurl/bulk</c>.</summary>
internal sealed record AttachmentIdsBody(IReadOnlyList<string> Ids);
