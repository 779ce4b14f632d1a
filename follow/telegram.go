package follow

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/frontline-osint/frontline"
)

// TelegramPost is one post of a channel's web preview (t.me/s/NAME).
type TelegramPost struct {
	Channel string
	ID      string // the post number
	Time    *time.Time
	Text    string
}

// ParseTelegramPreview reads the posts of a t.me/s/NAME page: each
// element with data-post="NAME/ID", its tgme_widget_message_text (line
// breaks kept) and its <time datetime>.
func ParseTelegramPreview(page []byte) ([]TelegramPost, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, err
	}
	var posts []TelegramPost
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if dp := attr(n, "data-post"); dp != "" && strings.Contains(dp, "/") {
				i := strings.LastIndex(dp, "/")
				p := TelegramPost{Channel: dp[:i], ID: dp[i+1:]}
				fillPost(n, &p)
				if p.ID != "" && strings.TrimSpace(p.Text) != "" {
					posts = append(posts, p)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return posts, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func fillPost(n *html.Node, p *TelegramPost) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch {
		case hasClass(c, "tgme_widget_message_text") && p.Text == "":
			var sb strings.Builder
			textOf(c, &sb)
			p.Text = strings.TrimSpace(sb.String())
			continue
		case c.Data == "time" && p.Time == nil:
			if t, err := time.Parse(time.RFC3339, attr(c, "datetime")); err == nil {
				t = t.UTC()
				p.Time = &t
			}
		}
		fillPost(c, p)
	}
}

func textOf(n *html.Node, sb *strings.Builder) {
	switch {
	case n.Type == html.TextNode:
		sb.WriteString(n.Data)
	case n.Type == html.ElementNode && n.Data == "br":
		sb.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		textOf(c, sb)
	}
}

func (f *Follower) pollTelegram(ctx context.Context, p *poll) error {
	got, err := f.getChanged(ctx, p, p.src.URL)
	if got == nil {
		return err // an error, or not modified
	}
	if got.Hash == p.st.ContentHash {
		return nil
	}
	posts, err := ParseTelegramPreview(got.Body)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "preview page: %v", err)
	}
	if len(posts) == 0 {
		return frontline.Errorf(frontline.EINVALID, "no posts in the preview page (not a t.me/s/ page?)")
	}
	for _, post := range posts {
		key := "post:" + post.Channel + "/" + post.ID
		seen, err := f.Store.HasItem(ctx, p.src.Name, key)
		if err != nil {
			return err
		}
		if seen {
			continue
		}
		name := fmt.Sprintf("telegram-%s-%s.txt", post.Channel, post.ID)
		a, err := f.addReports(ctx, p, ReportBatch{Name: name, Data: []byte(post.Text), PublishedAt: post.Time})
		if err != nil {
			return err
		}
		if a.Refused != "" {
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("post %s: %s", post.ID, a.Refused))
		}
		if _, err := f.Store.SeenItem(ctx, p.src.Name, key, f.now()); err != nil {
			return err
		}
		p.st.LastVersion = post.ID
	}
	p.st.ContentHash = got.Hash
	p.st.ETag, p.st.LastModified = got.ETag, got.LastModified
	return nil
}
