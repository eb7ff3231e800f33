using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Attachment downloads: <c>GET /attachments/signedurl/{id}</c> answers the signed URL as a bare string (as plain
/// <c>text/html</c> for half of the attachments, JSON-quoted for the other half, by id), <c>POST
/// /v5/attachments/download/signedurl/bulk</c> answers <c>[{attachment_id, signed_url}]</c>, and the emulator itself
/// serves the signed URLs (<c>GET /files/{id}/{name}?X-Amz-…</c>) as a file host would: no Carbon Voice credential, 403
/// once expired or when the signature does not match, and 400 to a request that carries an <c>Authorization</c> header
/// (as S3 does) or an <c>x-api-key</c>.
/// </summary>
internal static class AttachmentEndpoints
{
    public const int MaxBulkIds = 100;

    public static void Register(Router router)
    {
        router.Add("GET", "/attachments/signedurl/{id}", true, SignedUrl);
        router.Add("POST", "/v5/attachments/download/signedurl/bulk", true, Bulk);
        router.Add("GET", "/" + SignedUrls.Prefix + "/{id}/{name}", false, Download);
    }

    /// <summary>Whether an attachment's signed URL is answered JSON-quoted (else as a plain string).</summary>
    public static bool AnswersQuoted(string attachmentId) => attachmentId.Sum(c => c) % 2 == 1;

    private static void SignedUrl(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (!TryAttachment(context, context.Param(0), out var attachment))
            {
                return;
            }

            var url = context.Emulator.SignedUrls.Sign(attachment, WriteScope.Of(context));
            if (AnswersQuoted(attachment.Id))
            {
                context.Json().WriteStringValue(url);
            }
            else
            {
                // What a NestJS controller that returns a string sends.
                context.Text(200, "text/html; charset=utf-8", url);
            }
        }
    }

    private static void Bulk(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("ids", out var idsElement) || idsElement.ValueKind != JsonValueKind.Array || idsElement.GetArrayLength() == 0)
            {
                context.ValidationError("ids should not be empty", "ids must be an array");
                return;
            }

            if (idsElement.GetArrayLength() > MaxBulkIds)
            {
                context.ValidationError($"ids must contain no more than {MaxBulkIds} elements");
                return;
            }

            if (idsElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                context.ValidationError("each value in ids must be a string");
                return;
            }

            lock (context.Store.Sync)
            {
                var scope = WriteScope.Of(context);
                var w = context.Json();
                w.WriteStartArray();
                foreach (var id in idsElement.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal))
                {
                    // Unknown, deleted or inaccessible attachments are left out.
                    if (context.Store.AttachmentsById.TryGetValue(id, out var attachment) && Visible(context, attachment))
                    {
                        w.WriteStartObject();
                        w.WriteString("attachment_id", attachment.Id);
                        w.WriteString("signed_url", context.Emulator.SignedUrls.Sign(attachment, scope));
                        w.WriteEndObject();
                    }
                }

                w.WriteEndArray();
            }
        }
    }

    private static void Download(RequestContext context)
    {
        var request = context.Request;
        if (request.AuthorizationScheme is not null)
        {
            S3Error(context, 400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified");
            return;
        }

        if (request.ApiKey is not null)
        {
            // Not what S3 does (it ignores the header): the emulator refuses to receive a Carbon Voice credential here.
            S3Error(context, 400, "InvalidArgument", "A signed URL must be fetched without Carbon Voice credentials (x-api-key was sent)");
            return;
        }

        var id = context.Param(0);
        lock (context.Store.Sync)
        {
            if (!context.Store.AttachmentsById.TryGetValue(id, out var attachment) || attachment.Message.IsDeleted)
            {
                S3Error(context, 404, "NoSuchKey", "The specified key does not exist.");
                return;
            }

            if (context.Emulator.SignedUrls.Check(id, request, context.NowMs) is { } refusal)
            {
                S3Error(context, 403, refusal.Code, refusal.Message);
                return;
            }

            var content = attachment.Content();
            context.Bytes(200, attachment.IsText ? attachment.MimeType + "; charset=utf-8" : attachment.MimeType, content);
            context.Response.AddHeader("ETag", "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..32] + "\"");
        }
    }

    private static bool TryAttachment(RequestContext context, string id, out AttachmentRecord attachment)
    {
        if (!context.Store.AttachmentsById.TryGetValue(id, out attachment!) || attachment.Message.IsDeleted)
        {
            attachment = null!;
            context.Error(404, "Attachment not found");
            return false;
        }

        return Access.TryMessage(context, attachment.Message.Id, out _);
    }

    private static bool Visible(RequestContext context, AttachmentRecord attachment)
        => !attachment.Message.IsDeleted && DataStore.CanRead(context.User, attachment.Message.Conversation);

    private static void S3Error(RequestContext context, int status, string code, string message)
        => context.Text(status, "application/xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{System.Net.WebUtility.HtmlEncode(message)}</Message></Error>");
}
