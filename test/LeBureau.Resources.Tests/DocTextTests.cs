using System.Xml.Linq;
using LeBureau.CrdGen;

namespace LeBureau.Resources.Tests;

public class DocTextTests
{
    [Theory]
    [InlineData("<summary>\n    Spread over\n    lines.  </summary>", "Spread over lines.")]
    [InlineData("<summary>Shown as <c>name</c> here.</summary>", "Shown as name here.")]
    [InlineData("<summary>The truth of a <see cref=\"T:LeBureau.Resources.Condition\"/>.</summary>", "The truth of a Condition.")]
    [InlineData("<summary>See <see cref=\"M:LeBureau.Resources.Duration.TryParse(System.String,System.TimeSpan@)\"/>.</summary>", "See TryParse.")]
    [InlineData("<summary>Is <see langword=\"null\"/> or <paramref name=\"text\"/>.</summary>", "Is null or text.")]
    public void Summaries_become_one_line_of_plain_text(string xml, string text)
    {
        DocText.Flatten(XElement.Parse(xml)).Should().Be(text);
    }

    [Fact]
    public void A_member_without_a_summary_is_an_error_that_names_it()
    {
        var docs = XmlDocs.Parse(XDocument.Parse("<doc><members/></doc>"));

        var lookup = () => docs.Summary(typeof(Desktop));

        lookup.Should().Throw<InvalidOperationException>().WithMessage("T:LeBureau.Resources.Desktop has no <summary>*");
    }
}
