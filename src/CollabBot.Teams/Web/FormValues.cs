using System.Globalization;
using CollabBot.Core.Cards;

namespace CollabBot.Teams.Web;

// A form shown again with what the user entered, so fixing one field does not mean
// answering every other one again.
internal static class FormValues
{
    public static Form Fill(Form form, IReadOnlyDictionary<string, string> values) => form with
    {
        Fields = [.. form.Fields.Select(f => Fill(f, values))],
    };

    private static CardElement Fill(CardElement field, IReadOnlyDictionary<string, string> values) => field switch
    {
        LikertInput l when values.TryGetValue(l.Id, out var v) && int.TryParse(v, out var n) && n is >= 1 and <= 5 => l with { Value = n },
        ChoiceInput c when values.TryGetValue(c.Id, out var v) => c with { Selected = v.Split(',', StringSplitOptions.RemoveEmptyEntries) },
        TextInput t when values.TryGetValue(t.Id, out var v) => t with { Value = v },
        NumberInput n when values.TryGetValue(n.Id, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => n with { Value = d },
        _ => field,
    };
}
