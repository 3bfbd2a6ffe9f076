package qformat

// The elements of Moodle XML (https://docs.moodle.org/en/Moodle_XML_format)
// that the model keeps, for reading and writing. Everything else a Moodle
// export holds (penalty, hidden, shuffleanswers, combined feedback, hints,
// units...) is skipped on reading.

type xmlQuiz struct {
	XMLName   struct{}      `xml:"quiz"`
	Questions []xmlQuestion `xml:"question"`
}

type xmlQuestion struct {
	Type              string      `xml:"type,attr"`
	Category          *xmlPlain   `xml:"category"`
	Name              *xmlPlain   `xml:"name"`
	QuestionText      *xmlText    `xml:"questiontext"`
	GeneralFeedback   *xmlText    `xml:"generalfeedback"`
	DefaultGrade      string      `xml:"defaultgrade,omitempty"`
	IDNumber          string      `xml:"idnumber,omitempty"`
	Single            string      `xml:"single,omitempty"`
	ShuffleAnswers    string      `xml:"shuffleanswers,omitempty"`
	AnswerNumbering   string      `xml:"answernumbering,omitempty"`
	UseCase           string      `xml:"usecase,omitempty"`
	ResponseFormat    string      `xml:"responseformat,omitempty"`
	ResponseRequired  string      `xml:"responserequired,omitempty"`
	ResponseLines     string      `xml:"responsefieldlines,omitempty"`
	Attachments       string      `xml:"attachments,omitempty"`
	AttachmentsNeeded string      `xml:"attachmentsrequired,omitempty"`
	GraderInfo        *xmlText    `xml:"graderinfo"`
	ResponseTemplate  *xmlText    `xml:"responsetemplate"`
	Answers           []xmlAnswer `xml:"answer"`
	Subquestions      []xmlSub    `xml:"subquestion"`
	Tags              *xmlTags    `xml:"tags"`
}

// xmlPlain is an element holding only <text>.
type xmlPlain struct {
	Text string `xml:"text"`
}

// xmlText is a formatted text with its embedded files.
type xmlText struct {
	Format string    `xml:"format,attr,omitempty"`
	Text   xmlCDATA  `xml:"text"`
	Files  []xmlFile `xml:"file"`
}

type xmlCDATA struct {
	S string `xml:",cdata"`
}

type xmlFile struct {
	Name     string `xml:"name,attr"`
	Path     string `xml:"path,attr,omitempty"`
	Encoding string `xml:"encoding,attr"`
	Data     string `xml:",chardata"`
}

type xmlAnswer struct {
	Fraction  string    `xml:"fraction,attr"`
	Format    string    `xml:"format,attr,omitempty"`
	Text      xmlCDATA  `xml:"text"`
	Files     []xmlFile `xml:"file"`
	Feedback  *xmlText  `xml:"feedback"`
	Tolerance string    `xml:"tolerance,omitempty"`
}

type xmlSub struct {
	Format string    `xml:"format,attr,omitempty"`
	Text   xmlCDATA  `xml:"text"`
	Files  []xmlFile `xml:"file"`
	Answer xmlPlain  `xml:"answer"`
}

type xmlTags struct {
	Tags []xmlPlain `xml:"tag"`
}

// Moodle's names of text formats, by the model's.
var xmlFormats = map[string]string{
	FormatHTML:     "html",
	FormatMoodle:   "moodle_auto_format",
	FormatMarkdown: "markdown",
	FormatPlain:    "plain_text",
}

// Moodle's names of question types, by the model's.
var xmlTypes = map[Type]string{
	SingleChoice: "multichoice",
	MultiChoice:  "multichoice",
	TrueFalse:    "truefalse",
	ShortAnswer:  "shortanswer",
	Numerical:    "numerical",
	Matching:     "matching",
	Essay:        "essay",
	Description:  "description",
}
