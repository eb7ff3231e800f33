using System.Buffers;
using System.Collections;
using System.Text.Json;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The time codes of one transcript held compactly: every word in one string (separated by spaces) and one entry per word
/// (where its text is, its start and end), instead of an object and a string per word. When every word is non-empty and
/// has no whitespace at either end (the usual case), that string is the joined words themselves. A voice message has a
/// hundred words or more, and a page of messages thousands of time codes: reading them as objects was a third of the
/// sync's reading time, and most callers only read the words joined (<see cref="JoinWords"/>). <see cref="MessageTimecode"/> objects are built when
/// an item is read. Only time codes the compact form holds exactly are read into it (a <c>t</c> that is a string or null,
/// <c>s</c> and <c>e</c> numbers, numeric strings or null, no other fields); <see cref="TryRead"/> declines the others.
/// </summary>
internal sealed class TimecodeList : IReadOnlyList<MessageTimecode>
{
    private readonly string _text;
    private readonly Entry[] _entries;
    private readonly bool _joined;

    private TimecodeList(string text, Entry[] entries, bool joined)
    {
        _text = text;
        _entries = entries;
        _joined = joined;
    }

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <inheritdoc />
    public MessageTimecode this[int index]
    {
        get
        {
            var entry = _entries[index];
            return new MessageTimecode { Text = entry.Offset < 0 ? null : _text.Substring(entry.Offset, entry.Length), Start = Time(entry.Start), End = Time(entry.End) };
        }
    }

    /// <inheritdoc />
    public IEnumerator<MessageTimecode> GetEnumerator()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The words trimmed, the empty ones left out, joined by single spaces (what <see cref="TranscriptText"/> composes).</summary>
    public string JoinWords()
    {
        if (_joined)
        {
            return _text;
        }

        var length = -1;
        foreach (var entry in _entries)
        {
            if (Word(entry) is { Length: > 0 } word)
            {
                length += word.Length + 1;
            }
        }

        if (length <= 0)
        {
            return string.Empty;
        }

        return string.Create(length, this, static (span, list) =>
        {
            var at = 0;
            foreach (var entry in list._entries)
            {
                if (list.Word(entry) is { Length: > 0 } word)
                {
                    if (at > 0)
                    {
                        span[at++] = ' ';
                    }

                    word.CopyTo(span[at..]);
                    at += word.Length;
                }
            }
        });
    }

    /// <summary>Writes the time codes as they were read: <c>t</c>, <c>s</c> and <c>e</c> when present.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var entry in _entries)
        {
            writer.WriteStartObject();
            if (entry.Offset >= 0)
            {
                writer.WriteString("t"u8, _text.AsSpan(entry.Offset, entry.Length));
            }

            if (!double.IsNaN(entry.Start))
            {
                writer.WriteNumber("s"u8, entry.Start);
            }

            if (!double.IsNaN(entry.End))
            {
                writer.WriteNumber("e"u8, entry.End);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Reads the array at the reader's <see cref="JsonTokenType.StartArray"/> to its end; null (the reader then at an
    /// arbitrary token: rewind it) when an item is not in the compact form. Throws what the item reader throws on a time
    /// that is not a number.
    /// </summary>
    public static TimecodeList? TryRead(ref Utf8JsonReader reader)
    {
        var chars = ArrayPool<char>.Shared.Rent(1024);
        var entries = ArrayPool<Entry>.Shared.Rent(64);
        try
        {
            var used = 0;
            var count = 0;
            var joined = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                var entry = new Entry(-1, 0, double.NaN, double.NaN);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var known = MessageTimecodeConverter.KnownName(ref reader);
                    reader.Read();
                    switch (known)
                    {
                        case (byte)'t' when reader.TokenType == JsonTokenType.String:
                            var most = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                            Grow(ref chars, used + most + 1);
                            if (used > 0)
                            {
                                chars[used++] = ' ';
                            }

                            var written = reader.CopyString(chars.AsSpan(used));
                            joined &= entry.Offset < 0 && written > 0 && !char.IsWhiteSpace(chars[used]) && !char.IsWhiteSpace(chars[used + written - 1]);
                            entry = entry with { Offset = used, Length = written };
                            used += written;
                            break;
                        case (byte)'t' when reader.TokenType == JsonTokenType.Null:
                            entry = entry with { Offset = -1, Length = 0 };
                            break;
                        case (byte)'s' when Time(ref reader, "s") is { } start:
                            entry = entry with { Start = start };
                            break;
                        case (byte)'e' when Time(ref reader, "e") is { } end:
                            entry = entry with { End = end };
                            break;
                        default:
                            return null;
                    }
                }

                joined &= entry.Offset >= 0;
                Grow(ref entries, count + 1);
                entries[count++] = entry;
            }

            return new TimecodeList(new string(chars, 0, used), entries.AsSpan(0, count).ToArray(), joined);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<Entry>.Shared.Return(entries);
        }
    }

    /// <summary>A time as the entry holds it (NaN for null); null when the compact form cannot hold it (a numeric string of NaN).</summary>
    private static double? Time(ref Utf8JsonReader reader, string name)
        => MessageTimecodeConverter.Number(ref reader, name) switch
        {
            null => double.NaN,
            { } value when double.IsNaN(value) => null,
            { } value => value,
        };

    private static double? Time(double value) => double.IsNaN(value) ? null : value;

    private static void Grow<T>(ref T[] buffer, int size)
    {
        if (size <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<T>.Shared.Rent(Math.Max(size, buffer.Length * 2));
        buffer.AsSpan().CopyTo(larger);
        ArrayPool<T>.Shared.Return(buffer);
        buffer = larger;
    }

    private ReadOnlySpan<char> Word(Entry entry) => entry.Offset < 0 ? default : _text.AsSpan(entry.Offset, entry.Length).Trim();

    /// <summary>One time code: where its text is in the list's string (offset -1: null), its start and end (NaN: null).</summary>
    private readonly record struct Entry(int Offset, int Length, double Start, double End);
}
