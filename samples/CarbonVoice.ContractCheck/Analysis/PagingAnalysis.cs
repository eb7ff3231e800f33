using System.Globalization;
using CarbonVoice.ContractCheck.Capture;
using CarbonVoice.ContractCheck.Checking;

namespace CarbonVoice.ContractCheck.Analysis;

/// <summary>Summarises how a list route paged from its 2xx responses.</summary>
internal static class PagingAnalysis
{
    public static PagingReport Analyze(RouteDefinition route, IReadOnlyList<CapturedExchange> successes, IReadOnlyList<BodyShape> shapes, CallResult? result)
    {
        var pages = successes.Zip(shapes, (exchange, shape) => new PageObservation
        {
            Limit = exchange.LimitAsked,
            Items = shape.ItemCount,
            Envelope = shape.Envelope,
            HasMorePresent = shape.HasMorePresent,
            HasMore = shape.HasMore,
            NextCursor = shape.NextCursor,
        }).ToList();

        var shortIndex = pages.FindIndex(0, pages.Count, page => IsShortBeforeEnd(pages, page));
        var paged = route.ResponseKind == ResponseKind.PagedList;
        return new PagingReport
        {
            PagedBySdk = paged,
            LimitAsked = pages.Count > 0 ? pages[0].Limit : null,
            Pages = pages,
            HasMorePresent = pages.Any(p => p.HasMorePresent),
            NextCursorPresent = pages.Any(p => p.NextCursor != CursorState.Absent),
            SecondPage = pages.Count > 1,
            ShortPageBeforeEnd = shortIndex >= 0,
            Note = NoteFor(paged, pages, shortIndex, result),
        };
    }

    private static bool IsShortBeforeEnd(List<PageObservation> pages, PageObservation page)
    {
        if (page.Limit is not { } limit || page.Items >= limit)
        {
            return false;
        }

        var index = pages.IndexOf(page);
        return page.HasMore == true || (index + 1 < pages.Count && pages[index + 1].Items > 0);
    }

    private static string? NoteFor(bool paged, List<PageObservation> pages, int shortIndex, CallResult? result)
    {
        if (shortIndex >= 0)
        {
            var page = pages[shortIndex];
            return string.Create(CultureInfo.InvariantCulture, $"page {shortIndex + 1} held {page.Items} of the {page.Limit} asked, yet more followed: the service caps pages below the limit");
        }

        if (!paged || pages.Count != 1 || result is null)
        {
            return null;
        }

        return result.MoreAfterLastPage == true
            ? null
            : pages[0].Items == 0 ? "the first page was empty, so the SDK ended the list" : "the SDK ended the list after the first page (nothing more to read)";
    }
}
