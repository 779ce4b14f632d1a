package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/frontline-osint/frontline"
)

// aliasFlags collects a repeatable --alias.
type aliasFlags []string

func (a *aliasFlags) String() string { return strings.Join(*a, ", ") }
func (a *aliasFlags) Set(v string) error {
	*a = append(*a, v)
	return nil
}

const sourceUsage = `Usage: frontline source <command> [flags] [args]

Commands:
  add    add or edit a source: kind, side, reliability (Admiralty A–F), reason, aliases
  list   publishers and their reliability
  grade  grade a source A–F with a reason (its grades are kept as history)
  show   a source: kind, side, grade and reason, aliases, every grade it had
  status the followed sources' health (frontline follow): last poll, success, error, gaps

Run "frontline source <command> --help" for its flags.
`

func (m *Main) runSource(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, sourceUsage)
		return errUsage
	}
	switch args[0] {
	case "add":
		return m.runSourceAdd(ctx, args[1:])
	case "list":
		return m.runSourceList(ctx, args[1:])
	case "show":
		return m.runSourceShow(ctx, args[1:])
	case "grade":
		return m.runSourceGrade(ctx, args[1:])
	case "status":
		return m.runSourceStatus(ctx, args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, sourceUsage)
		return nil
	}
	return usageErrorf("unknown command \"source %s\" (want add, list, grade, show or status; frontline source --help)", args[0])
}

func (m *Main) runSourceAdd(ctx context.Context, args []string) error {
	var c commonFlags
	var kind, side, rel, reason string
	var aliases aliasFlags
	fs := m.newFlagSet("source add", `source add NAME --kind K --side S --reliability A-F --reason "…" [--alias NAME]...`, &c, true, false)
	fs.StringVar(&kind, "kind", "", "official, military, think_tank, media, social or sensor")
	fs.StringVar(&side, "side", "", "ukraine, russia or neutral: whom the source speaks for")
	fs.StringVar(&rel, "reliability", "", "Admiralty grade: A completely reliable, B usually, C fairly, D not usually, E unreliable, F cannot be judged")
	fs.StringVar(&reason, "reason", "", "why this grade")
	fs.Var(&aliases, "alias", "a name under which the source appears in text or feeds (repeatable)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		return usageErrorf("source add: name one source (quote a name with spaces)")
	}
	svc, err := m.openReports(c)
	if err != nil {
		return err
	}
	// Editing a source keeps what is not given; a new one needs it all.
	src, err := svc.Sources.FindSource(ctx, pos[0])
	if frontline.ErrorCode(err) == frontline.ENOTFOUND {
		if kind == "" || side == "" || rel == "" || reason == "" {
			return usageErrorf("source add: a new source needs --kind, --side, --reliability and --reason")
		}
		src, err = &frontline.Source{Name: strings.TrimSpace(pos[0])}, nil
	}
	if err != nil {
		return err
	}
	if kind != "" {
		if src.Kind, err = frontline.ParseSourceKind(kind); err != nil {
			return usageErrorf("--kind: %s", frontline.ErrorMessage(err))
		}
	}
	if side != "" {
		if src.Side, err = frontline.ParseSide(side); err != nil {
			return usageErrorf("--side: %s", frontline.ErrorMessage(err))
		}
	}
	if rel != "" {
		if src.Reliability, err = frontline.ParseReliability(rel); err != nil {
			return usageErrorf("--reliability: %s", frontline.ErrorMessage(err))
		}
		if reason == "" {
			return usageErrorf("source add: a new grade needs --reason")
		}
	}
	if reason != "" {
		src.Reason = reason
	}
	src.Aliases = append(src.Aliases, aliases...)
	src.UpdatedAt = m.Now().UTC()
	if err := svc.PutSource(ctx, src); err != nil {
		return err
	}
	if c.json {
		return m.printJSON(src)
	}
	fmt.Fprintf(m.Stdout, "Source %s: %s, %s, reliability %s (%s).\n", src.Name, src.Kind, src.Side, src.Reliability, src.Reliability.Meaning())
	return nil
}

func (m *Main) runSourceList(ctx context.Context, args []string) error {
	var c commonFlags
	fs := m.newFlagSet("source list", "source list [--json]", &c, true, false)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	svc, err := m.openReports(c)
	if err != nil {
		return err
	}
	srcs, err := svc.FindSources(ctx)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(map[string]any{"sources": srcs})
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tSIDE\tGRADE\tORIGIN\tALIASES")
	for _, s := range srcs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", termSafe(s.Name), s.Kind, s.Side, s.Reliability, s.Origin, termSafe(clipRunes(strings.Join(s.Aliases, ", "), 70)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, "Grades: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged. Reasons: frontline source show NAME.")
	return nil
}

func (m *Main) runSourceShow(ctx context.Context, args []string) error {
	var c commonFlags
	fs := m.newFlagSet("source show", "source show NAME [--json]", &c, true, false)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("source show: name one source")
	}
	svc, err := m.openReports(c)
	if err != nil {
		return err
	}
	src, err := svc.KnownSource(ctx, pos[0])
	if err != nil {
		return err
	} else if src == nil {
		return frontline.Errorf(frontline.ENOTFOUND, "unknown source %q (frontline source list shows them)", pos[0])
	}
	grades, err := svc.Sources.FindSourceGrades(ctx, src.Name)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(map[string]any{"source": src, "grades": grades})
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s — %s, %s\n", termSafe(src.Name), src.Kind, src.Side)
	fmt.Fprintf(w, "Reliability %s (%s): %s\n", src.Reliability, src.Reliability.Meaning(), termSafe(src.Reason))
	if len(src.Aliases) > 0 {
		fmt.Fprintf(w, "Also written: %s\n", termSafe(strings.Join(src.Aliases, "; ")))
	}
	fmt.Fprintln(w, "Grades:")
	for _, g := range grades {
		fmt.Fprintf(w, "  %s  %s  (%s) %s\n", g.RecordedAt.Format("2006-01-02 15:04"), g.Reliability, g.Origin, termSafe(g.Reason))
	}
	return nil
}

func (m *Main) runSourceGrade(ctx context.Context, args []string) error {
	var c commonFlags
	var reason string
	fs := m.newFlagSet("source grade", `source grade NAME A-F --reason "…"`, &c, true, false)
	fs.StringVar(&reason, "reason", "", "why this grade (required)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErrorf("source grade: want a source and a grade, e.g. source grade ISW B --reason \"…\"")
	}
	rel, err := frontline.ParseReliability(pos[1])
	if err != nil {
		return usageErrorf("source grade: %s", frontline.ErrorMessage(err))
	}
	if strings.TrimSpace(reason) == "" {
		return usageErrorf("source grade: --reason is required")
	}
	svc, err := m.openReports(c)
	if err != nil {
		return err
	}
	src, err := svc.GradeSource(ctx, pos[0], rel, reason)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(src)
	}
	fmt.Fprintf(m.Stdout, "Source %s graded %s (%s).\n", src.Name, src.Reliability, src.Reliability.Meaning())
	return nil
}
