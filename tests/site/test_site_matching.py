"""Matching of technology needs to achievements: real ranking, known answers."""

from __future__ import annotations

import pytest

from usefirst.matching import Matcher, Profile, tokens

ACHIEVEMENTS = [
    Profile(
        "battery",
        "动力锂电池热失控早期预警与多级防护技术",
        "针对新能源汽车和储能系统中锂电池热失控蔓延快、预警晚的问题，融合特征气体与"
        "膨胀力感知，在热失控前发出预警，隔热层阻止蔓延。可用于动力电池包和储能电站。",
        ("new-energy", "automotive"),
        "440100",
    ),
    Profile(
        "electrolyte",
        "硫化物全固态电池电解质低成本液相合成技术",
        "以液相法合成硫化物固态电解质，离子电导率高，成本低，适用于全固态锂电池量产。",
        ("new-energy", "advanced-materials"),
        "440300",
    ),
    Profile(
        "rice",
        "水稻抗稻瘟病分子标记辅助育种技术",
        "利用分子标记聚合抗稻瘟病基因，培育高产优质抗病水稻新品种，减少农药使用。",
        ("agri-food",),
        "440100",
    ),
    Profile(
        "litchi",
        "荔枝采后保鲜与冷链物流技术",
        "荔枝采后易褐变腐烂，本技术结合预冷、气调包装和冷链运输，将货架期延长到二十天。",
        ("agri-food",),
        "440900",
    ),
    Profile(
        "sic",
        "碳化硅功率器件低损耗沟槽栅结构设计",
        "提出碳化硅MOSFET沟槽栅结构，降低导通电阻和开关损耗，用于新能源汽车电驱和光伏逆变器。",
        ("semiconductors",),
        "440300",
    ),
    Profile(
        "robot",
        "协作机器人视觉伺服抓取系统",
        "基于深度相机的视觉伺服控制，使协作机器人在产线上快速抓取无序摆放的零件。",
        ("robotics",),
        "441900",
    ),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(ACHIEVEMENTS)


@pytest.mark.parametrize(
    ("need", "best"),
    [
        (
            Profile(
                "n1",
                "储能电站电池热失控预警",
                "储能电站电池起火风险高，需要提前预警的技术。",
            ),
            "battery",
        ),
        (
            Profile(
                "n2",
                "荔枝保鲜技术",
                "荔枝采摘后褐变快、货架期短，寻求保鲜和冷链运输方案。",
            ),
            "litchi",
        ),
        (
            Profile(
                "n3", "电驱功率器件", "需要低损耗的碳化硅功率器件，用于电机控制器。"
            ),
            "sic",
        ),
        (
            Profile(
                "n4",
                "产线零件自动抓取",
                "产线上零件无序摆放，希望机器人用视觉自动抓取。",
            ),
            "robot",
        ),
        (Profile("n5", "抗病水稻品种", "需要抗稻瘟病的水稻品种和育种技术。"), "rice"),
    ],
)
def test_a_need_ranks_the_right_achievement_first(
    matcher: Matcher, need: Profile, best: str
) -> None:
    ranked = matcher.rank(need)

    assert ranked[0].id == best
    assert ranked == sorted(ranked, key=lambda match: -match.score)


def test_a_need_with_no_shared_words_matches_nothing_even_in_its_cluster(
    matcher: Matcher,
) -> None:
    need = Profile(
        "n6",
        "跨境电商营销推广",
        "寻找海外社交媒体营销服务。",
        ("new-energy",),
        "440100",
    )

    assert matcher.rank(need) == []


def test_a_shared_cluster_and_city_rank_the_nearer_of_two_equal_texts_first() -> None:
    text = "高精度光谱仪的光路设计与标定方法"
    far = Profile("far", "光谱仪标定", text, ("software",), "440300")
    near = Profile("near", "光谱仪标定", text, ("precision-instruments",), "440100")
    need = Profile(
        "n", "光谱仪", "需要光谱仪标定技术", ("precision-instruments",), "440100"
    )

    ranked = Matcher([far, near]).rank(need)

    assert [match.id for match in ranked] == ["near", "far"]
    assert ranked[0].similarity == pytest.approx(ranked[1].similarity)


def test_similar_achievements_exclude_the_achievement_itself(matcher: Matcher) -> None:
    similar = matcher.similar(0)

    assert similar[0].id == "electrolyte"
    assert "battery" not in [match.id for match in similar]


def test_tokens_are_words_not_characters_or_stopwords() -> None:
    words = tokens("一种高安全的锂电池，采用ＳｉＣ器件！")

    assert "锂电池" in words and "电池" in words
    assert "sic" in words
    assert not {"一种", "的", "采用", "，", "！"} & set(words)
