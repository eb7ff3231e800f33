using System.Globalization;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Checking;

/// <summary>
/// Share links, reactions and signed attachment URLs. Their ids come from the messages read so far and, when those have
/// none, from a few pages of the store-wide change feed read for discovery only (not reported). The signed URLs are
/// never downloaded and never reported (only the shape of the answer is); no share link is created.
/// </summary>
internal static class SharingChecks
{
    private const int DiscoveryPages = 3;
    private const int DiscoveryPageSize = 200;
    private const int ShareLinkTries = 5;
    private const int BulkIds = 3;

    public static async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var runner = context.Runner;
        await runner.ListAsync(RouteCatalog.Reactions, ct => context.Client.Reactions.ListAsync(ct), cancellationToken);
        await DiscoverAsync(context, cancellationToken);
        await ShareLinkAsync(context, cancellationToken);
        await AttachmentsAsync(context, cancellationToken);
    }

    /// <summary>Reads a few pages of the change feed from its start (every conversation) until a share link and an attachment are known.</summary>
    private static async Task DiscoverAsync(CheckContext context, CancellationToken cancellationToken)
    {
        if (context.ShareLinkIds.Count > 0 && context.AttachmentIds.Count > 0)
        {
            return;
        }

        try
        {
            var pages = 0;
            var feed = context.Client.Messages.ListUpdatesAsync(new MessageFeedOptions { PageSize = DiscoveryPageSize });
            await foreach (var page in feed.AsPages(cancellationToken: cancellationToken))
            {
                context.AddSharing(page.Items);
                if (++pages >= DiscoveryPages || (context.ShareLinkIds.Count > 0 && context.AttachmentIds.Count > 0))
                {
                    break;
                }
            }
        }
        catch (CarbonVoiceException)
        {
            // Discovery only: the feed's own verdict is its reported route.
        }
    }

    private static async Task ShareLinkAsync(CheckContext context, CancellationToken cancellationToken)
    {
        if (context.ShareLinkIds.Count == 0)
        {
            context.Runner.NotApplicable(RouteCatalog.ShareLink, "no forwarded message (share_link_id) was discovered");
            return;
        }

        // A link may be revoked or expired (403): try a few, in the order they were discovered.
        var refused = 0;
        await context.Runner.SingleAsync(
            RouteCatalog.ShareLink,
            async ct =>
            {
                var candidates = context.ShareLinkIds.Take(ShareLinkTries).ToList();
                for (var i = 0; ; i++)
                {
                    try
                    {
                        return await context.Client.ShareLinks.GetAsync(candidates[i], ct);
                    }
                    catch (CarbonVoiceForbiddenException) when (i < candidates.Count - 1)
                    {
                        refused++;
                    }
                }
            },
            cancellationToken,
            "the share link of a forwarded message");
        if (refused > 0)
        {
            context.Runner.Annotate(RouteCatalog.ShareLink, string.Create(CultureInfo.InvariantCulture, $"{refused} link(s) answered 403 (revoked or expired) before one opened"));
        }
    }

    private static async Task AttachmentsAsync(CheckContext context, CancellationToken cancellationToken)
    {
        if (context.AttachmentIds.Count == 0)
        {
            context.Runner.NotApplicable(RouteCatalog.AttachmentSignedUrl, "no attachment was discovered");
            context.Runner.NotApplicable(RouteCatalog.AttachmentSignedUrls, "no attachment was discovered");
            return;
        }

        var attachments = context.Client.Attachments;
        await context.Runner.SingleAsync(
            RouteCatalog.AttachmentSignedUrl,
            ct => attachments.GetDownloadUrlAsync(context.AttachmentIds[0], ct),
            cancellationToken,
            "the URL itself is not reported, nor downloaded");
        var batch = context.AttachmentIds.Take(BulkIds).ToList();
        await context.Runner.ListAsync(
            RouteCatalog.AttachmentSignedUrls,
            ct => attachments.GetDownloadUrlsAsync(batch, ct),
            cancellationToken,
            string.Create(CultureInfo.InvariantCulture, $"{batch.Count} attachment id(s); the URLs are not reported, nor downloaded"));
    }
}
