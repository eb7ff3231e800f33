using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Signs and checks the emulator's attachment download URLs, in the manner of an S3 presigned URL:
/// <c>{base}files/{attachment id}/{file name}?X-Amz-Date=…&amp;X-Amz-Expires=…&amp;X-Amz-Signature=…</c>, an HMAC-SHA256
/// over the attachment id, date and lifetime with a key made at start (never the seed).
/// </summary>
internal sealed class SignedUrls
{
    public const string Prefix = "files";
    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private readonly CarbonVoiceEmulator _emulator;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public SignedUrls(CarbonVoiceEmulator emulator) => _emulator = emulator;

    public string Sign(AttachmentRecord attachment, in WriteScope scope)
    {
        var date = DateTimeOffset.FromUnixTimeMilliseconds(scope.NowMs).UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
        var seconds = Math.Max(1, (long)_emulator.Options.SignedUrlLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return $"{MessageParts.FileUrl(attachment, scope)}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date={date}&X-Amz-Expires={seconds}&X-Amz-SignedHeaders=host&X-Amz-Signature={Signature(attachment.Id, date, seconds)}";
    }

    /// <summary>Checks a download's query: null when it may be served, else the S3-style error code and message.</summary>
    public (string Code, string Message)? Check(string attachmentId, EmulatorRequest request, long nowMs)
    {
        var date = request.Query("X-Amz-Date");
        var expires = request.Query("X-Amz-Expires");
        var signature = request.Query("X-Amz-Signature");
        if (date is null || expires is null || signature is null)
        {
            return ("AccessDenied", "Access Denied");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Signature(attachmentId, date, expires))))
        {
            return ("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }

        if (!DateTimeOffset.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || !long.TryParse(expires, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return ("AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed.");
        }

        return signedAt.AddSeconds(seconds).ToUnixTimeMilliseconds() <= nowMs ? ("AccessDenied", "Request has expired") : null;
    }

    /// <summary>The path and query of a download with its signature masked, for the request log.</summary>
    public static string Redact(string pathAndQuery)
    {
        var index = pathAndQuery.IndexOf("X-Amz-Signature=", StringComparison.Ordinal);
        if (index < 0)
        {
            return pathAndQuery;
        }

        var start = index + "X-Amz-Signature=".Length;
        var end = pathAndQuery.IndexOf('&', start);
        return pathAndQuery[..start] + "***" + (end < 0 ? string.Empty : pathAndQuery[end..]);
    }

    private string Signature(string attachmentId, string date, string expires)
        => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{attachmentId}\n{date}\n{expires}")));
}
