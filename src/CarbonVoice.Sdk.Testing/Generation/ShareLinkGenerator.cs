using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Makes some generated messages forwards: each carries a <c>share_link_id</c> whose link holds an earlier message (often of
/// another conversation or workspace). Of those links a quarter is revoked and a quarter has expired (both answer 403).
/// Chosen by the messages' seeds, not by the data's random generator, so the rest of the data does not move.
/// </summary>
internal static class ShareLinkGenerator
{
    private const long Day = 24L * 3600 * 1000;

    public static void AddForwards(DataStore store, long endMs)
    {
        MessageRecord? previous = null;
        foreach (var conversation in store.Conversations)
        {
            foreach (var message in conversation.Messages)
            {
                if (previous is not null && !ReferenceEquals(previous, message.Parent) && ((uint)message.TranscriptSeed >> 3) % 29 == 0)
                {
                    var link = new ShareLinkRecord
                    {
                        Id = IdFor(message.Id),
                        SharedMessage = previous,
                        Creator = message.Creator,
                        ShareType = "forward",
                        AccessType = "forward",
                        CreatedMs = message.CreatedMs,
                        RevokedMs = ((uint)message.TranscriptSeed >> 9) % 4 == 0 ? Math.Min(endMs, message.CreatedMs + Day) : 0,
                        EndAccessMs = ((uint)message.TranscriptSeed >> 9) % 4 == 1 ? message.CreatedMs + 7 * Day : 0,
                        Wrapper = message,
                    };
                    message.ShareLink = link;
                    store.ShareLinksById.Add(link.Id, link);
                }

                previous = message;
            }
        }
    }

    /// <summary>A 24-hex id derived from a message id (share link ids look like Mongo ObjectIds).</summary>
    public static string IdFor(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("share-link:" + seed)))[..24];
}
